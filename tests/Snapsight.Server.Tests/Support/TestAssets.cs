using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control.Assets;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;

namespace Snapsight.Server.Tests.Support;

/// <summary>Assets put in a tenant's inventory the way discovery records them (through AssetInventory), and its licence set.</summary>
public static class TestAssets
{
    public const string Account = "123456789012";

    public static DiscoveredAsset Instance(int number, string? privateIp, string region = "eu-west-1",
        IReadOnlyDictionary<string, string>? tags = null, AssetState state = AssetState.Running) =>
        new(Account, region, $"i-{number:x17}", state, $"host-{number}", privateIp, null, tags);

    /// <summary>Records the assets through <see cref="AssetInventory"/> and answers their ids, in order.</summary>
    public static async Task<List<Guid>> SeedAsync(TestTenant tenant, params DiscoveredAsset[] assets)
    {
        await using var scope = tenant.Server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.SubscriptionId);
        var recorded = await scope.ServiceProvider.GetRequiredService<AssetInventory>().RecordAsync(null, assets, CancellationToken.None);
        return recorded.Select(a => a.Id).ToList();
    }

    /// <summary>Sets the licence as the licence's issuer would: in the database, since the API cannot.</summary>
    public static async Task LicenseAsync(TestTenant tenant, int addresses)
    {
        await using var scope = tenant.Server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.SubscriptionId);
        await scope.ServiceProvider.GetRequiredService<ControlDbContext>().Subscriptions
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LicensedIpAddresses, addresses));
    }

    /// <summary>The activated assets as the database holds them, read apart from the API.</summary>
    public static async Task<List<Asset>> ActivatedAsync(TestTenant tenant)
    {
        await using var scope = tenant.Server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.SubscriptionId);
        return await scope.ServiceProvider.GetRequiredService<ControlDbContext>().Assets.AsNoTracking()
            .Where(a => a.Activation == AssetActivation.Activated).ToListAsync();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control.Assets;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scheduling;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Scheduling;

/// <summary>The schedule's steps as the scan workflow takes them, in-process in a tenant.</summary>
public static class ScheduleSteps
{
    /// <summary>Records the assets and activates them (the default licence has room); answers their ids in order.</summary>
    public static async Task<List<Guid>> ActiveAsync(TestTenant tenant, params DiscoveredAsset[] assets)
    {
        var ids = await TestAssets.SeedAsync(tenant, assets);
        var results = await TenantScope.RunAsync(tenant, services => services.GetRequiredService<Licence>().ActivateAsync(ids, ActivationActor.Discovery, CancellationToken.None));
        Assert.All(results, r => Assert.Equal(ActivationOutcome.Activated, r.Outcome));
        return ids;
    }

    public static Task<List<Guid>> DueAsync(TestTenant tenant) => TenantScope.RunAsync(tenant, async services =>
        (await services.GetRequiredService<ScanSchedule>().DueAsync(ScanSchedule.MaxBatch, CancellationToken.None)).Select(a => a.Id).ToList());

    public static async Task MarkScannedAsync(TestTenant tenant, Guid assetId, DateTimeOffset completedAt) =>
        Assert.True(await TenantScope.RunAsync(tenant, services =>
            services.GetRequiredService<ScanSchedule>().MarkScannedAsync(assetId, completedAt, CancellationToken.None)));

    /// <summary>Sets the interval in the database, past the API's own bounds, as a hand-edited or older row could hold it.</summary>
    public static Task SetIntervalAsync(TestTenant tenant, int hours) => TenantScope.RunAsync(tenant, services =>
        services.GetRequiredService<ControlDbContext>().Subscriptions.ExecuteUpdateAsync(s => s.SetProperty(x => x.ScanIntervalHours, hours)));

    /// <summary>Whole seconds, which both databases store exactly.</summary>
    public static DateTimeOffset WholeSecond(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control.Assessments;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scans;
using Snapsight.Control.Tenancy;
using Snapsight.Server.Tests.Accounts;
using Snapsight.Server.Tests.Results;
using Snapsight.Server.Tests.Support;
using Snapsight.Server.Tests.Tokens;

namespace Snapsight.Server.Tests.Tenancy;

/// <summary>
/// Gives a tenant some of every kind of object, through the API wherever the API can make it, so the
/// isolation probes have something of the other tenant's to aim at. A new kind of row must be seeded
/// here: the isolation test refuses an entity type the tenant has none of.
/// </summary>
public static class IsolationSeed
{
    public static async Task GiveEverythingAsync(TestTenant tenant)
    {
        // Users of every role (their sign-ins also write audit entries).
        foreach (var role in new[] { UserRole.Operator, UserRole.Reader })
        {
            using var user = await tenant.UserAsync(role);
        }

        // Subscription tokens, one of them revoked: the issue and revoke land in the audit log too.
        _ = await SubscriptionTokenTests.IssueAsync(tenant, 3600);
        var revoked = await SubscriptionTokenTests.IssueAsync(tenant, 3600);
        using var revoke = await tenant.Admin.DeleteAsync($"api/v1/subscription-tokens/{revoked.Id}");
        revoke.EnsureSuccessStatusCode();

        // Assets as discovery records them, one of them activated through the API.
        var first = Random.Shared.Next(1, int.MaxValue / 2);
        var assets = await TestAssets.SeedAsync(tenant,
            TestAssets.Instance(first, $"10.{first % 250}.0.1"), TestAssets.Instance(first + 1, $"10.{first % 250}.0.2"));
        using var activate = await tenant.Admin.PostAsync($"api/v1/assets/{assets[0]}/activate", null);
        activate.EnsureSuccessStatusCode();

        // Two runs' results for the activated asset, as the scan workflow stores them: history, a diff, SBOMs.
        await TestRuns.StoreAsync(tenant, TestRuns.Run(assets[0], 1));
        await TestRuns.StoreAsync(tenant, TestRuns.Run(assets[0], 2, findings: [TestRuns.Finding("CVE-2024-0002", "openssl")]));

        // A scan run of the activated asset, started as the planner starts them (the test server drives no runs, so it stays planned).
        await using (var scope = tenant.Server.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.SubscriptionId);
            _ = await scope.ServiceProvider.GetRequiredService<ScanRuns>().StartAsync(assets[0], CancellationToken.None);
            // An API-based assessment of it, as one from its SSM inventory is stored.
            var asset = await scope.ServiceProvider.GetRequiredService<ControlDbContext>().Assets.SingleAsync(a => a.Id == assets[0]);
            _ = await scope.ServiceProvider.GetRequiredService<ApiAssessments>().StoreAsync(asset, "ssm", null,
                new Snapsight.Inventory.InventoryResult(null, [], []), [], [], CancellationToken.None);
        }

        // A connector whose account is both the service account and a target, registered through the call-backs.
        var accountId = LocalAccounts.NewAccountId();
        await LocalAccounts.WorkingAccountAsync(tenant, accountId);
        using var service = await LocalAccounts.RegisterServiceAsync(tenant.Admin, accountId);
        service.EnsureSuccessStatusCode();
        using var target = await LocalAccounts.RegisterTargetAsync(tenant.Admin, accountId);
        target.EnsureSuccessStatusCode();
    }

    /// <summary>Seeds both tenants alike, so that what only one holds is what tells them apart.</summary>
    public static Task GiveEverythingAsync(TestTenant a, TestTenant b) =>
        Task.WhenAll(GiveEverythingAsync(a), GiveEverythingAsync(b));
}

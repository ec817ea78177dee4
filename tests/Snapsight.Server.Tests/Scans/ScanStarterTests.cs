using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control.Accounts;
using Snapsight.Control.Assets;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scans;
using Snapsight.Server.Tests.Support;
using static Snapsight.Server.Tests.Scheduling.ScheduleSteps;

namespace Snapsight.Server.Tests.Scans;

/// <summary>
/// The planner that turns the schedule into runs: only zero-touch connectors' assets, at most the
/// service account's scanner concurrency active per account and region, never two runs for one
/// asset, and an asset whose last run ended badly left alone for <see cref="ScanWorkflowOptions.RetryEndedAfter"/>.
/// The clock is a fake one; the servers drive no runs themselves (scans are off there), so every run is the test's.
/// </summary>
[Collection(FakeClockServers.Collection)]
public sealed class ScanStarterTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Without_zero_touch_no_run_is_started_for_due_assets(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync((await FakeClockServers.For(database)).Server);
        var connector = await ConnectorAsync(tenant, zeroTouch: false, scannerConcurrency: 4);
        var ids = await ActiveOfAsync(tenant, connector, TestAssets.Instance(1, "10.0.0.1"), TestAssets.Instance(2, "10.0.0.2"));
        Assert.Equal(ids.Order(), (await DueAsync(tenant)).Order());

        Assert.Equal(0, await StartDueAsync(tenant));
        Assert.Empty(await RunsAsync(tenant));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Runs_start_for_due_assets_up_to_the_scanner_concurrency_per_account_and_region_counting_active_runs(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync((await FakeClockServers.For(database)).Server);
        var connector = await ConnectorAsync(tenant, zeroTouch: true, scannerConcurrency: 2);
        var ids = await ActiveOfAsync(tenant, connector,
            TestAssets.Instance(1, "10.0.0.1", "eu-west-1"), TestAssets.Instance(2, "10.0.0.2", "eu-west-1"),
            TestAssets.Instance(3, "10.0.0.3", "eu-west-1"), TestAssets.Instance(4, "10.0.0.4", "us-east-1"),
            TestAssets.Instance(5, "10.0.0.5", "us-east-1"), TestAssets.Instance(6, "10.0.0.6", "us-east-1"));
        // One run already active in eu-west-1, as a run of an earlier pass would be.
        await TenantScope.RunAsync(tenant, services => services.GetRequiredService<ScanRuns>().StartAsync(ids[0], CancellationToken.None));

        // eu-west-1 has room for one more beside the active run, us-east-1 for two.
        Assert.Equal(3, await StartDueAsync(tenant));
        var runs = await RunsAsync(tenant);
        Assert.Equal(2, runs.Count(r => r.Region == "eu-west-1"));
        Assert.Equal(2, runs.Count(r => r.Region == "us-east-1"));
        Assert.All(runs, r => Assert.Contains(r.AssetId, ids));
        Assert.Equal(runs.Count, runs.Select(r => r.AssetId).Distinct().Count());

        // Every scope is full now: the next pass starts nothing, and the active asset keeps its one run.
        Assert.Equal(0, await StartDueAsync(tenant));
        Assert.Equal(4, (await RunsAsync(tenant)).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task An_asset_with_an_active_run_is_not_started_twice(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync((await FakeClockServers.For(database)).Server);
        var connector = await ConnectorAsync(tenant, zeroTouch: true, scannerConcurrency: 10);
        var id = (await ActiveOfAsync(tenant, connector, TestAssets.Instance(1, "10.0.0.1")))[0];

        Assert.Equal(1, await StartDueAsync(tenant));
        // Still due (not scanned yet) and the scope has room, yet its run is active.
        Assert.Contains(id, await DueAsync(tenant));
        Assert.Equal(0, await StartDueAsync(tenant));
        Assert.Single(await RunsAsync(tenant));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task An_asset_whose_last_run_failed_waits_the_retry_delay_before_another_run(DatabaseProvider database)
    {
        var (server, clock) = await FakeClockServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        var wait = server.Services.GetRequiredService<ScanWorkflowOptions>().RetryEndedAfter;
        var connector = await ConnectorAsync(tenant, zeroTouch: true, scannerConcurrency: 10);
        var id = (await ActiveOfAsync(tenant, connector, TestAssets.Instance(1, "10.0.0.1")))[0];
        Assert.Equal(1, await StartDueAsync(tenant));
        var ended = WholeSecond(clock.GetUtcNow());
        await EndAsync(tenant, id, ScanRunState.Failed, ended);

        Assert.Equal(0, await StartDueAsync(tenant));
        clock.Advance(ended + wait - TimeSpan.FromMinutes(1) - clock.GetUtcNow());
        Assert.Equal(0, await StartDueAsync(tenant));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await StartDueAsync(tenant));
        var runs = await RunsAsync(tenant);
        Assert.Equal(2, runs.Count);
        Assert.Single(runs, r => r.ActiveAssetId == id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_done_run_does_not_hold_back_the_next_one_once_the_asset_is_due(DatabaseProvider database)
    {
        var (server, clock) = await FakeClockServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        var connector = await ConnectorAsync(tenant, zeroTouch: true, scannerConcurrency: 10);
        var id = (await ActiveOfAsync(tenant, connector, TestAssets.Instance(1, "10.0.0.1")))[0];
        Assert.Equal(1, await StartDueAsync(tenant));
        // Done but not marked scanned (as if the result store had not run): the asset stays due, and only failures wait.
        await EndAsync(tenant, id, ScanRunState.Done, WholeSecond(clock.GetUtcNow()));

        Assert.Equal(1, await StartDueAsync(tenant));
    }

    private static async Task<Guid> ConnectorAsync(TestTenant tenant, bool zeroTouch, int scannerConcurrency)
    {
        var accountId = Accounts.LocalAccounts.NewAccountId();
        await TenantScope.RunAsync(tenant, async services =>
        {
            var db = services.GetRequiredService<ControlDbContext>();
            var connector = new Connector
            {
                Id = Guid.NewGuid(), SubscriptionId = tenant.SubscriptionId, Name = "connector-" + accountId, AccountId = accountId,
                RoleArn = Accounts.LocalAccounts.RoleArn(accountId), Regions = ["eu-west-1", "us-east-1"], ZeroTouchSnapshot = zeroTouch,
                PollingFrequencyHours = 4, ExternalId = Guid.NewGuid().ToString("N"), Applications = ConnectorApplications.VulnerabilityScanning,
            };
            db.AddRange(connector, new ServiceAccount
            {
                Id = Guid.NewGuid(), SubscriptionId = tenant.SubscriptionId, ConnectorId = connector.Id, AccountId = accountId,
                Regions = ["eu-west-1"], State = ValidationState.Registered, ScheduleHours = 24, ScannerConcurrency = scannerConcurrency,
            });
            return await db.SaveChangesAsync();
        });
        return (await TenantScope.RunAsync(tenant, services => services.GetRequiredService<ControlDbContext>().Connectors.SingleAsync())).Id;
    }

    /// <summary>Records the assets as the connector's discovery would and activates them; answers their ids in order.</summary>
    private static async Task<List<Guid>> ActiveOfAsync(TestTenant tenant, Guid connectorId, params DiscoveredAsset[] assets)
    {
        var ids = await TenantScope.RunAsync(tenant, async services =>
            (await services.GetRequiredService<AssetInventory>().RecordAsync(connectorId, assets, CancellationToken.None)).Select(a => a.Id).ToList());
        var results = await TenantScope.RunAsync(tenant, services => services.GetRequiredService<Licence>().ActivateAsync(ids, ActivationActor.Discovery, CancellationToken.None));
        Assert.All(results, r => Assert.Equal(ActivationOutcome.Activated, r.Outcome));
        return ids;
    }

    private static Task<int> StartDueAsync(TestTenant tenant) =>
        TenantScope.RunAsync(tenant, services => services.GetRequiredService<ScanStarter>().StartDueAsync(CancellationToken.None));

    private static Task<List<ScanRun>> RunsAsync(TestTenant tenant) =>
        TenantScope.RunAsync(tenant, services => services.GetRequiredService<ControlDbContext>().ScanRuns.AsNoTracking().ToListAsync());

    /// <summary>Ends the asset's active run as the workflow's last step would.</summary>
    private static Task<int> EndAsync(TestTenant tenant, Guid assetId, ScanRunState state, DateTimeOffset at) =>
        TenantScope.RunAsync(tenant, services => services.GetRequiredService<ControlDbContext>().ScanRuns
            .Where(r => r.ActiveAssetId == assetId)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.State, state).SetProperty(x => x.FinishedAt, at.UtcDateTime)
                .SetProperty(x => x.ActiveAssetId, (Guid?)null)));
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Assets;
using Snapsight.Control.Audit;
using Snapsight.Control.Discovery;
using Snapsight.Control.Persistence;
using Snapsight.Server.Tests.Accounts;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Discovery;

/// <summary>
/// Discovery against a real local fleet in the server's own local cloud: what the fleet holds is
/// the oracle for what the inventory must say.
/// </summary>
[Collection(FakeClockServers.Collection)]
public sealed class DiscoveryTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Instances_appear_with_the_connectors_tags_and_a_removed_one_becomes_terminated(DatabaseProvider database)
    {
        var (server, _) = await FakeClockServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        var fleet = new LocalFleet(server);
        var accountId = LocalAccounts.NewAccountId();
        var (west, east) = (new CloudScope(accountId, "eu-west-1"), new CloudScope(accountId, "us-east-1"));
        var web = await fleet.AddInstanceAsync(west, "10.0.0.1", new Dictionary<string, string> { ["Name"] = "web-1", ["env"] = "prod" });
        var db = await fleet.AddInstanceAsync(west, "10.0.0.2");
        var batch = await fleet.AddInstanceAsync(east, "10.0.1.1");
        var target = await LocalFleet.RegisteredTargetAsync(server, tenant.SubscriptionId, accountId, ["eu-west-1", "us-east-1"],
            autoActivate: false, assetTags: ["team=blue", "env=staging"]);

        await DiscoverAsync(tenant, target);

        var assets = await AssetsAsync(tenant);
        Assert.Equal(new[] { (web, "eu-west-1"), (db, "eu-west-1"), (batch, "us-east-1") }.Order(),
            assets.Select(a => (a.InstanceId, a.Region)).Order());
        var webAsset = assets.Single(a => a.InstanceId == web);
        // The connector's tags are added and win over the instance's own.
        Assert.Equal(new Dictionary<string, string> { ["Name"] = "web-1", ["env"] = "staging", ["team"] = "blue" },
            webAsset.Tags.ToDictionary(t => t.Key, t => t.Value));
        Assert.Equal("web-1", webAsset.Name);
        Assert.Equal("10.0.0.1", webAsset.PrivateIpAddress);
        Assert.All(assets, a => Assert.Equal(AssetState.Running, a.State));
        Assert.All(assets, a => Assert.Equal(AssetActivation.NotActivated, a.Activation));
        Assert.Null((await LocalFleet.TargetAsync(server, tenant.SubscriptionId, target)).DiscoveryError);

        fleet.Remove(west, db);
        fleet.Builder.SetState(east, batch, InstanceState.Stopped);
        await DiscoverAsync(tenant, target);

        var after = (await AssetsAsync(tenant)).ToDictionary(a => a.InstanceId, a => a.State);
        Assert.Equal(AssetState.Running, after[web]);
        Assert.Equal(AssetState.Terminated, after[db]);
        Assert.Equal(AssetState.Stopped, after[batch]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_failing_region_does_not_stop_the_others_and_its_error_is_kept_on_the_account(DatabaseProvider database)
    {
        var (server, _) = await FakeClockServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        var fleet = new LocalFleet(server);
        var accountId = LocalAccounts.NewAccountId();
        var instance = await fleet.AddInstanceAsync(new CloudScope(accountId, "us-east-1"), "10.0.0.1");
        // eu-west-1 comes first and is not enabled in the local cloud: listing it fails.
        var target = await LocalFleet.RegisteredTargetAsync(server, tenant.SubscriptionId, accountId, ["eu-west-1", "us-east-1"], autoActivate: false);

        await DiscoverAsync(tenant, target);

        Assert.Equal([instance], (await AssetsAsync(tenant)).Select(a => a.InstanceId));
        var account = await LocalFleet.TargetAsync(server, tenant.SubscriptionId, target);
        Assert.NotNull(account.LastDiscoveredAt);
        Assert.StartsWith("eu-west-1: listing instances failed (the account or region does not exist", account.DiscoveryError);
        Assert.DoesNotContain("us-east-1", account.DiscoveryError);

        fleet.Builder.AddRegion(new CloudScope(accountId, "eu-west-1"));
        await DiscoverAsync(tenant, target);
        Assert.Null((await LocalFleet.TargetAsync(server, tenant.SubscriptionId, target)).DiscoveryError);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Auto_activation_stops_at_the_licence_cap_and_resumes_when_it_grows(DatabaseProvider database)
    {
        var (server, _) = await FakeClockServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        await TestAssets.LicenseAsync(tenant, 2);
        var fleet = new LocalFleet(server);
        var accountId = LocalAccounts.NewAccountId();
        var scope = new CloudScope(accountId, "eu-west-1");
        for (var i = 1; i <= 4; i++)
        {
            await fleet.AddInstanceAsync(scope, $"10.0.0.{i}");
        }

        var target = await LocalFleet.RegisteredTargetAsync(server, tenant.SubscriptionId, accountId, ["eu-west-1"], autoActivate: true);
        await DiscoverAsync(tenant, target);

        var assets = await AssetsAsync(tenant);
        Assert.Equal(2, assets.Count(a => a.Activation == AssetActivation.Activated));
        Assert.Equal(2, assets.Count(a => a.Activation == AssetActivation.NotActivated && a.ActivationReason == ActivationReasons.LicenceExhausted));

        // A refusal repeated at the next poll is not audited again.
        await DiscoverAsync(tenant, target);
        Assert.Equal([(true, 2), (false, 2)], await ActivationAuditAsync(tenant));

        await TestAssets.LicenseAsync(tenant, 4);
        await DiscoverAsync(tenant, target);
        Assert.All(await AssetsAsync(tenant), a => Assert.Equal(AssetActivation.Activated, a.Activation));
        Assert.Equal([(true, 4), (false, 2)], await ActivationAuditAsync(tenant));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_terminated_instance_frees_its_licence_place_for_a_new_one_and_counts_again_if_it_comes_back(DatabaseProvider database)
    {
        var (server, _) = await FakeClockServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        await TestAssets.LicenseAsync(tenant, 1);
        var fleet = new LocalFleet(server);
        var scope = new CloudScope(LocalAccounts.NewAccountId(), "eu-west-1");
        var first = await fleet.AddInstanceAsync(scope, "10.0.0.1");
        var target = await LocalFleet.RegisteredTargetAsync(server, tenant.SubscriptionId, scope.AccountId, ["eu-west-1"], autoActivate: true);
        await DiscoverAsync(tenant, target);

        fleet.Builder.SetState(scope, first, InstanceState.Terminated);
        var second = await fleet.AddInstanceAsync(scope, "10.0.0.2");
        await DiscoverAsync(tenant, target);

        var assets = (await AssetsAsync(tenant)).ToDictionary(a => a.InstanceId);
        Assert.Equal((AssetState.Terminated, AssetActivation.Activated), (assets[first].State, assets[first].Activation));
        Assert.Equal(AssetActivation.Activated, assets[second].Activation);
        Assert.Equal(1, (await TenantScope.RunAsync(tenant, services => services.GetRequiredService<Licence>().UsageAsync(CancellationToken.None))).Used);

        // Back from the dead (a local instance can be; an EC2 one cannot), it is counted again and the licence has no room.
        fleet.Builder.SetState(scope, first, InstanceState.Running);
        await DiscoverAsync(tenant, target);
        var back = Assert.Single(await AssetsAsync(tenant), a => a.InstanceId == first);
        Assert.Equal((AssetActivation.NotActivated, ActivationReasons.LicenceExhausted), (back.Activation, back.ActivationReason));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Without_auto_activation_nothing_is_activated(DatabaseProvider database)
    {
        var (server, _) = await FakeClockServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        var accountId = LocalAccounts.NewAccountId();
        await new LocalFleet(server).AddInstanceAsync(new CloudScope(accountId, "eu-west-1"), "10.0.0.1");
        var target = await LocalFleet.RegisteredTargetAsync(server, tenant.SubscriptionId, accountId, ["eu-west-1"], autoActivate: false);

        await DiscoverAsync(tenant, target);

        Assert.Equal(AssetActivation.NotActivated, Assert.Single(await AssetsAsync(tenant)).Activation);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_background_round_polls_an_account_again_only_when_its_connectors_polling_frequency_has_passed(DatabaseProvider database)
    {
        var (server, clock) = await FakeClockServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        var fleet = new LocalFleet(server);
        var accountId = LocalAccounts.NewAccountId();
        var scope = new CloudScope(accountId, "eu-west-1");
        var first = await fleet.AddInstanceAsync(scope, "10.0.0.1");
        var target = await LocalFleet.RegisteredTargetAsync(server, tenant.SubscriptionId, accountId, ["eu-west-1"], autoActivate: false,
            pollingFrequencyHours: 6);
        var round = server.Services.GetRequiredService<DiscoveryRound>();

        await round.RunAsync(CancellationToken.None);
        Assert.Equal([first], (await AssetsAsync(tenant)).Select(a => a.InstanceId));
        var polledAt = (await LocalFleet.TargetAsync(server, tenant.SubscriptionId, target)).LastDiscoveredAt!.Value;

        var second = await fleet.AddInstanceAsync(scope, "10.0.0.2");
        clock.Advance(polledAt.AddHours(6) - TimeSpan.FromMinutes(1) - clock.GetUtcNow().UtcDateTime);
        await round.RunAsync(CancellationToken.None);
        Assert.Equal([first], (await AssetsAsync(tenant)).Select(a => a.InstanceId));

        clock.Advance(TimeSpan.FromMinutes(1));
        await round.RunAsync(CancellationToken.None);
        Assert.Equal(new[] { first, second }.Order(), (await AssetsAsync(tenant)).Select(a => a.InstanceId).Order());
    }

    private static async Task DiscoverAsync(TestTenant tenant, Guid targetId) =>
        Assert.True(await TenantScope.RunAsync(tenant, services =>
            services.GetRequiredService<AssetDiscovery>().DiscoverAccountAsync(targetId, CancellationToken.None)));

    /// <summary>The audited activation changes, counted by whether they activated.</summary>
    private static async Task<List<(bool Succeeded, int Count)>> ActivationAuditAsync(TestTenant tenant)
    {
        var entries = await TenantScope.RunAsync(tenant, services => services.GetRequiredService<ControlDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditActions.AssetActivate).ToListAsync());
        Assert.All(entries, e => Assert.Equal("discovery", e.Actor));
        return entries.GroupBy(e => e.Succeeded).OrderByDescending(g => g.Key).Select(g => (g.Key, g.Count())).ToList();
    }

    private static Task<List<Asset>> AssetsAsync(TestTenant tenant) => TenantScope.RunAsync(tenant, services =>
        services.GetRequiredService<ControlDbContext>().Assets.AsNoTracking().ToListAsync());
}

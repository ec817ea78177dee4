using CsCheck;
using Microsoft.EntityFrameworkCore;
using Snapsight.Cloud.Aws.Templates;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control;
using Snapsight.Control.Accounts;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scheduling;
using Snapsight.Server.Tests.Accounts;
using Snapsight.Server.Tests.Discovery;
using Snapsight.Server.Tests.Support;
using static Snapsight.Server.Tests.Scheduling.ScheduleSteps;

namespace Snapsight.Server.Tests.Scheduling;

/// <summary>
/// When an asset is due (issue 7): never scanned, or its last scan at least the interval ago, the
/// interval never below 24 h; new assets first; the tag filters and exclusion tag honoured; and the
/// schedule kept in the database across a restart. The clock is a fake one.
/// </summary>
[Collection(FakeClockServers.Collection)]
public sealed class ScanScheduleTests
{
    /// <summary>The subscription's stored interval and the interval the schedule must use: the same, but never below 24 h.</summary>
    public static TheoryData<DatabaseProvider, int, int> Intervals => new()
    {
        { DatabaseProvider.Sqlite, 24, 24 }, { DatabaseProvider.PostgreSql, 24, 24 },
        { DatabaseProvider.Sqlite, 48, 48 }, { DatabaseProvider.PostgreSql, 48, 48 },
        { DatabaseProvider.Sqlite, 168, 168 }, { DatabaseProvider.PostgreSql, 168, 168 },
        { DatabaseProvider.Sqlite, 1, 24 }, { DatabaseProvider.PostgreSql, 1, 24 },
        { DatabaseProvider.Sqlite, 0, 24 }, { DatabaseProvider.PostgreSql, 0, 24 },
    };

    [Theory]
    [MemberData(nameof(Intervals))]
    public async Task A_scanned_asset_is_due_again_exactly_when_the_interval_has_passed_and_not_a_minute_before(
        DatabaseProvider database, int storedHours, int effectiveHours)
    {
        var (server, clock) = await FakeClockServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        await SetIntervalAsync(tenant, storedHours);
        var id = (await ActiveAsync(tenant, TestAssets.Instance(1, "10.0.0.1")))[0];
        Assert.Contains(id, await DueAsync(tenant));

        var scanned = WholeSecond(clock.GetUtcNow());
        await MarkScannedAsync(tenant, id, scanned);
        Assert.DoesNotContain(id, await DueAsync(tenant));

        clock.Advance(scanned + TimeSpan.FromHours(effectiveHours) - TimeSpan.FromMinutes(1) - clock.GetUtcNow());
        Assert.DoesNotContain(id, await DueAsync(tenant));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Contains(id, await DueAsync(tenant));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Never_scanned_assets_come_first_then_the_longest_unscanned(DatabaseProvider database)
    {
        var (server, clock) = await FakeClockServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        var scanned = await ActiveAsync(tenant, TestAssets.Instance(1, "10.0.0.1"), TestAssets.Instance(2, "10.0.0.2"));
        var first = WholeSecond(clock.GetUtcNow());
        await MarkScannedAsync(tenant, scanned[1], first);
        clock.Advance(TimeSpan.FromHours(1));
        await MarkScannedAsync(tenant, scanned[0], first + TimeSpan.FromHours(1));
        clock.Advance(TimeSpan.FromHours(25));
        // Found last of all, yet first in line: it was never scanned.
        var fresh = (await ActiveAsync(tenant, TestAssets.Instance(3, "10.0.0.3")))[0];

        Assert.Equal([fresh, scanned[1], scanned[0]], await DueAsync(tenant));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Only_active_running_assets_are_due(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync((await FakeClockServers.For(database)).Server);
        var active = await ActiveAsync(tenant, TestAssets.Instance(1, "10.0.0.1"),
            TestAssets.Instance(2, "10.0.0.2", state: Control.Assets.AssetState.Stopped));
        var notActivated = await TestAssets.SeedAsync(tenant, TestAssets.Instance(3, "10.0.0.3"));

        Assert.Equal([active[0]], await DueAsync(tenant));
        Assert.DoesNotContain(notActivated[0], await DueAsync(tenant));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_default_exclusion_tag_holds_without_a_service_account(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync((await FakeClockServers.For(database)).Server);
        var ids = await ActiveAsync(tenant,
            TestAssets.Instance(1, "10.0.0.1", tags: Tags("snapsight:exclude=true")),
            TestAssets.Instance(2, "10.0.0.2", tags: Tags("snapsight:exclude=false")));

        Assert.Equal([ids[1]], await DueAsync(tenant));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_service_accounts_tag_filters_and_exclusion_tag_decide_which_assets_are_due(DatabaseProvider database)
    {
        var (server, _) = await FakeClockServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        await ServiceAccountAsync(tenant, all: ["env=prod"], any: ["tier=web", "tier=db"], none: ["temp=true"], exclusion: ["skip=yes"]);
        var ids = await ActiveAsync(tenant,
            TestAssets.Instance(1, "10.0.0.1", tags: Tags("env=prod", "tier=web")),
            TestAssets.Instance(2, "10.0.0.2", tags: Tags("env=prod", "tier=db", "owner=ops")),
            TestAssets.Instance(3, "10.0.0.3", tags: Tags("env=prod", "tier=db", "temp=true")),
            TestAssets.Instance(4, "10.0.0.4", tags: Tags("env=prod")),
            TestAssets.Instance(5, "10.0.0.5", tags: Tags("tier=web")),
            TestAssets.Instance(6, "10.0.0.6", tags: Tags("env=prod", "tier=web", "skip=yes")),
            TestAssets.Instance(7, "10.0.0.7", tags: Tags("env=production", "tier=web")));

        // 3 has a "none" tag, 4 none of "any", 5 lacks an "all" tag, 6 the exclusion tag, 7 a value that only starts alike.
        Assert.Equal(new HashSet<Guid> { ids[0], ids[1] }, (await DueAsync(tenant)).ToHashSet());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_database_query_of_the_tag_filters_agrees_with_the_rule_applied_in_memory(DatabaseProvider database)
    {
        var server = (await FakeClockServers.For(database)).Server;
        // Few keys and values, so filters and tags meet often.
        var tag = Gen.OneOfConst("a", "b", "c").Select(Gen.OneOfConst("1", "2"), (k, v) => k + "=" + v);
        var tagList = tag.HashSet[0, 3].Select(set => set.ToList());
        var assetTags = tag.HashSet[0, 3].Select(set => set.Select(t => t.Split('=')).GroupBy(p => p[0])
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal));
        await Gen.Select(tagList, tagList, tagList, tagList, assetTags.List[1, 8]).SampleAsync(async (all, any, none, exclusion, assets) =>
        {
            var tenant = await TestTenant.CreateAsync(server);
            await ServiceAccountAsync(tenant, all, any, none, exclusion);
            var ids = await ActiveAsync(tenant, [.. assets.Select((tags, i) => TestAssets.Instance(i, $"10.0.0.{i + 1}", tags: tags))]);

            var excluded = exclusion.Count > 0 ? exclusion : [TagFilter.DefaultExclusion];
            var expected = ids.Where((_, i) =>
            {
                var has = assets[i].Select(t => t.Key + "=" + t.Value).ToHashSet();
                return all.All(has.Contains) && (any.Count == 0 || any.Any(has.Contains)) && !none.Concat(excluded).Any(has.Contains);
            }).ToHashSet();
            Assert.Equal(expected, (await DueAsync(tenant)).ToHashSet());
        }, iter: 12, threads: 1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_requested_scan_makes_a_recently_scanned_asset_due_until_a_later_scan_completes(DatabaseProvider database)
    {
        var (server, clock) = await FakeClockServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        var id = (await ActiveAsync(tenant, TestAssets.Instance(1, "10.0.0.1")))[0];
        await MarkScannedAsync(tenant, id, WholeSecond(clock.GetUtcNow()));
        await TenantScope.RunAsync(tenant, async services =>
        {
            var db = services.GetRequiredService<ControlDbContext>();
            services.GetRequiredService<ScanSchedule>().RequestScan(await db.Assets.SingleAsync(a => a.Id == id));
            return await db.SaveChangesAsync();
        });
        Assert.Contains(id, await DueAsync(tenant));

        // A completion older than the request (a replayed step of the earlier run) does not answer it.
        await MarkScannedAsync(tenant, id, WholeSecond(clock.GetUtcNow()) - TimeSpan.FromHours(1));
        Assert.Contains(id, await DueAsync(tenant));
        clock.Advance(TimeSpan.FromSeconds(1));
        await MarkScannedAsync(tenant, id, clock.GetUtcNow());
        Assert.DoesNotContain(id, await DueAsync(tenant));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_schedule_survives_a_restart_on_the_same_database(DatabaseProvider database)
    {
        var (server, clock) = await FakeClockServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        var ids = await ActiveAsync(tenant, TestAssets.Instance(1, "10.0.0.1"), TestAssets.Instance(2, "10.0.0.2"));
        var scanned = WholeSecond(clock.GetUtcNow());
        await MarkScannedAsync(tenant, ids[0], scanned);

        // A new service provider, new database contexts, nothing shared with the server but the database and the clock.
        var services = new ServiceCollection().AddLogging().AddControlPlane(server.Services.GetRequiredService<ControlSettings>())
            .AddSingleton<TimeProvider>(clock);
        await using var restarted = services.BuildServiceProvider();
        async Task<List<Guid>> DueAfterRestartAsync()
        {
            await using var scope = restarted.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<Control.Tenancy.TenantContext>().Enter(tenant.SubscriptionId);
            return [.. (await scope.ServiceProvider.GetRequiredService<ScanSchedule>().DueAsync(10, CancellationToken.None)).Select(a => a.Id)];
        }

        Assert.Equal([ids[1]], await DueAfterRestartAsync());
        clock.Advance(scanned + TimeSpan.FromHours(24) - clock.GetUtcNow());
        Assert.Equal([ids[1], ids[0]], await DueAfterRestartAsync());
    }

    private static Dictionary<string, string> Tags(params string[] tags) =>
        tags.Select(t => t.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    private static async Task ServiceAccountAsync(TestTenant tenant, List<string> all, List<string> any, List<string> none, List<string> exclusion)
    {
        var accountId = LocalAccounts.NewAccountId();
        var target = await LocalFleet.RegisteredTargetAsync(tenant.Server, tenant.SubscriptionId, accountId, ["eu-west-1"], autoActivate: false);
        await TenantScope.RunAsync(tenant, async services =>
        {
            var db = services.GetRequiredService<ControlDbContext>();
            var connectorId = (await db.TargetAccounts.SingleAsync(a => a.Id == target)).ConnectorId;
            db.ServiceAccounts.Add(new ServiceAccount
            {
                Id = Guid.NewGuid(), SubscriptionId = tenant.SubscriptionId, ConnectorId = connectorId, AccountId = accountId,
                State = ValidationState.Registered, ScheduleHours = 24, Tags = all, TagsAny = any, TagsNone = none, ExclusionTags = exclusion,
            });
            return await db.SaveChangesAsync();
        });
    }
}

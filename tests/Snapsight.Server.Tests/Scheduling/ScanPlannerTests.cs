using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scheduling;
using Snapsight.Server.Tests.Support;
using static Snapsight.Server.Tests.Scheduling.ScheduleSteps;

namespace Snapsight.Server.Tests.Scheduling;

/// <summary>The next batch never puts more than the limit of scans in one account and region, counting the running ones.</summary>
public sealed class ScanPlannerTests
{
    private static readonly AccountRegion[] Scopes =
    [
        new("111111111111", "eu-west-1"), new("111111111111", "us-east-1"), new("222222222222", "eu-west-1"),
    ];

    private static readonly Gen<(List<(Guid Id, AccountRegion Scope)> Due, List<RunningScan> Running, int Limit, int Max)> Cases =
        from due in Gen.Int[0, Scopes.Length - 1].Select(i => (Id: Guid.NewGuid(), Scope: Scopes[i])).List[0, 30]
        from running in Gen.Int[0, Scopes.Length - 1].List[0, 8]
        from alsoDue in Gen.Int[0, 3]
        from limit in Gen.Int[0, 4]
        from max in Gen.Int[0, 25]
        select (due,
            // Some running scans are of assets still in the due list (their completion is not recorded yet).
            running.Select(i => new RunningScan(Guid.NewGuid(), Scopes[i])).Concat(due.Take(alsoDue).Select(d => new RunningScan(d.Id, d.Scope))).ToList(),
            limit, max);

    [Fact]
    public void A_batch_respects_the_per_scope_limit_skips_running_assets_and_is_the_greedy_prefix_of_the_schedule()
    {
        Cases.Sample(c =>
        {
            var batch = ScanPlanner.Take(c.Due, d => d, c.Limit, c.Running, c.Max);
            var runningIds = c.Running.Select(r => r.AssetId).ToHashSet();
            int RunningIn(AccountRegion scope) => c.Running.Count(r => r.Scope == scope);

            Assert.True(batch.Count <= c.Max);
            Assert.Equal(batch.Count, batch.Distinct().Count());
            Assert.DoesNotContain(batch, b => runningIds.Contains(b.Id));
            foreach (var scope in Scopes)
            {
                Assert.True(batch.Count(b => b.Scope == scope) <= Math.Max(0, c.Limit - RunningIn(scope)));
            }

            // In schedule order, and nothing skipped that had room: each due asset left out is running,
            // or its scope was full when it came up, or the batch was already full.
            Assert.Equal(batch, c.Due.Where(batch.Contains));
            for (var i = 0; i < c.Due.Count; i++)
            {
                var item = c.Due[i];
                if (batch.Contains(item))
                {
                    continue;
                }

                var before = c.Due.Take(i).Where(batch.Contains).ToList();
                Assert.True(runningIds.Contains(item.Id) || before.Count == c.Max
                    || RunningIn(item.Scope) + before.Count(b => b.Scope == item.Scope) >= c.Limit,
                    $"due asset {i} in {item.Scope} was left out with room for it");
            }
        });
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Planning_from_the_database_fills_each_scope_up_to_its_limit_in_schedule_order(DatabaseProvider database)
    {
        var (tenant, ids) = await ThreeInEuWestTwoInUsEastAsync(database);
        var euWest = new AccountRegion(TestAssets.Account, "eu-west-1");
        var running = new List<RunningScan> { new(ids[0], euWest) };

        var plan = await TenantScope.RunAsync(tenant, services =>
            services.GetRequiredService<ScanSchedule>().PlanAsync(2, running, 10, CancellationToken.None));

        // Two places per scope: eu-west-1 has one running (asset 1), so one more; us-east-1 takes both.
        Assert.Equal(1, plan.Count(a => a.Region == "eu-west-1"));
        Assert.Equal(2, plan.Count(a => a.Region == "us-east-1"));
        Assert.DoesNotContain(plan, a => a.Id == ids[0]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Planning_from_the_database_takes_nothing_of_a_full_scope_and_no_running_asset(DatabaseProvider database)
    {
        var (tenant, ids) = await ThreeInEuWestTwoInUsEastAsync(database);
        var euWest = new AccountRegion(TestAssets.Account, "eu-west-1");
        var usEast = new AccountRegion(TestAssets.Account, "us-east-1");
        // eu-west-1 is full (two of two); us-east-1 has asset 4 running and room for one more: asset 5.
        var running = new List<RunningScan> { new(ids[0], euWest), new(ids[1], euWest), new(ids[3], usEast) };

        var plan = await TenantScope.RunAsync(tenant, services =>
            services.GetRequiredService<ScanSchedule>().PlanAsync(2, running, 10, CancellationToken.None));

        Assert.Equal([ids[4]], plan.Select(a => a.Id));
    }

    /// <summary>Five activated assets of one account: 1 to 3 in eu-west-1, 4 and 5 in us-east-1 (ids in that order).</summary>
    private static async Task<(TestTenant Tenant, List<Guid> Ids)> ThreeInEuWestTwoInUsEastAsync(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync((await FakeClockServers.For(database)).Server);
        var ids = await ActiveAsync(tenant,
            TestAssets.Instance(1, "10.0.0.1", "eu-west-1"), TestAssets.Instance(2, "10.0.0.2", "eu-west-1"),
            TestAssets.Instance(3, "10.0.0.3", "eu-west-1"), TestAssets.Instance(4, "10.0.0.4", "us-east-1"),
            TestAssets.Instance(5, "10.0.0.5", "us-east-1"));
        return (tenant, ids);
    }
}

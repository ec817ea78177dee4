using Microsoft.Extensions.DependencyInjection;
using Snapsight.Cloud.Local;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scans;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Scans;

/// <summary>
/// The orphan sweeper decides from the snapshots' tags: it deletes expired ones, those of finished
/// runs and those of runs the database does not know, keeps an unfinished run's until its expiry,
/// and never touches another subscription's.
/// </summary>
public sealed class SnapshotSweeperTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task With_no_run_in_the_database_every_snapshot_of_the_subscription_goes_and_no_other(DatabaseProvider database)
    {
        await using var world = await ScanWorld.CreateAsync(database);
        var now = world.Clock.GetUtcNow();
        var unknown = await SetAsync(world, 0, world.SubscriptionId, Guid.NewGuid(), now + TimeSpan.FromHours(5));
        var expired = await SetAsync(world, 1, world.SubscriptionId, Guid.NewGuid(), now - TimeSpan.FromMinutes(1));
        var others = await SetAsync(world, 1, Guid.NewGuid(), Guid.NewGuid(), now - TimeSpan.FromMinutes(1));

        var report = await world.Services.GetRequiredService<ScanDriver>().SweepAsync(CancellationToken.None);

        Assert.Equal(unknown.Concat(expired).Order(), report.Deleted.Order());
        Assert.Empty(report.Kept);
        Assert.Empty(report.Errors);
        Assert.Equal(others.Order(), SnapshotsLeft(world));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task An_unfinished_runs_snapshots_are_kept_until_they_expire_and_a_finished_runs_go(DatabaseProvider database)
    {
        await using var world = await ScanWorld.CreateAsync(database);
        var active = await world.StartRunAsync(world.Instances[0].AssetId);
        var finished = await world.StartRunAsync(world.Instances[1].AssetId);
        await using (var scope = world.Tenant())
        {
            var db = scope.ServiceProvider.GetRequiredService<ControlDbContext>();
            var row = await db.ScanRuns.FindAsync(finished.Id);
            (row!.State, row.FinishedAt, row.ActiveAssetId) = (ScanRunState.Done, world.Clock.GetUtcNow().UtcDateTime, null);
            await db.SaveChangesAsync();
        }

        var now = world.Clock.GetUtcNow();
        var kept = await SetAsync(world, 0, world.SubscriptionId, active.Id, now + TimeSpan.FromHours(5));
        var doneWith = await SetAsync(world, 1, world.SubscriptionId, finished.Id, now + TimeSpan.FromHours(5));

        var first = await world.Services.GetRequiredService<ScanDriver>().SweepAsync(CancellationToken.None);
        Assert.Equal(doneWith.Order(), first.Deleted.Order());
        Assert.Equal(kept.Order(), first.Kept.Order());
        Assert.Equal(kept.Order(), SnapshotsLeft(world));

        // Past the expiry the active run's snapshots go too: nothing outlives its expiry tag.
        world.Clock.Advance(TimeSpan.FromHours(5));
        var second = await world.Services.GetRequiredService<ScanDriver>().SweepAsync(CancellationToken.None);
        Assert.Equal(kept.Order(), second.Deleted.Order());
        Assert.Empty(SnapshotsLeft(world));
    }

    /// <summary>Makes a snapshot set of instance <paramref name="instance"/> tagged for a subscription and run, straight through the provider.</summary>
    private static async Task<List<string>> SetAsync(ScanWorld world, int instance, Guid subscription, Guid run, DateTimeOffset expires)
    {
        var cloud = world.Services.GetRequiredService<LocalCloudProvider>();
        var set = await cloud.CreateSnapshotSetAsync(ScanWorld.Target, world.Instances[instance].InstanceId,
            RunSnapshotTags.ForCreation(subscription, run, expires), CancellationToken.None);
        return [.. set.Select(s => s.Id)];
    }

    /// <summary>What is left in the target account, read from the provider's own listing under the product tag alone.</summary>
    private static List<string> SnapshotsLeft(ScanWorld world) =>
        [.. world.Services.GetRequiredService<LocalCloudProvider>()
            .ListSnapshotsByTagsAsync(ScanWorld.Target, new Dictionary<string, string> { [Cloud.SnapshotTags.Product] = Cloud.SnapshotTags.ProductValue }, CancellationToken.None)
            .GetAwaiter().GetResult().Select(s => s.Id).Order()];
}

using Microsoft.Extensions.DependencyInjection;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scans;

namespace Snapsight.Server.Tests.Scans;

/// <summary>
/// The two ways a run's snapshots are read: shared with the service account and read as it, or read
/// in place as the target account with nothing shared; in both the volumes are read whole and nothing is left.
/// </summary>
public sealed class SnapshotAccessTests
{
    [Theory]
    [InlineData(SnapshotAccess.ShareToServiceAccount)]
    [InlineData(SnapshotAccess.ReadInPlace)]
    public async Task Each_mode_shares_only_when_it_must_and_reads_as_the_account_it_names(SnapshotAccess access)
    {
        AccessModeCloud? cloud = null;
        var defaults = new WorldOptions();
        var options = new WorldOptions
        {
            CompletionDelay = TimeSpan.Zero,
            WrapCloud = inner => cloud = new AccessModeCloud(inner, access),
            Workflow = defaults.Workflow with { StepsInARow = 20 },
        };
        await using var world = await ScanWorld.CreateAsync(DatabaseProvider.Sqlite, options);
        await world.StartRunAsync(world.Instances[0].AssetId);

        // One pass takes every step; read in place goes from the completed set straight to Scanning,
        // past SnapshotsCompleted and Shared, so two steps fewer (see the state diagram).
        var steps = await world.Services.GetRequiredService<ScanDriver>().DriveDueAsync(CancellationToken.None);
        Assert.Equal(access == SnapshotAccess.ReadInPlace ? 6 : 8, steps);

        var run = Assert.Single(await world.RunsAsync());
        Assert.Equal(ScanRunState.Done, run.State);
        Assert.Equal(world.Instances[0].Sha256, ((VolumeHashes)world.Sink.Results[run.Id].Output.Result).Sha256);
        Assert.Equal(0, world.SnapshotsOnDisk());
        Assert.NotNull(cloud);
        if (access == SnapshotAccess.ReadInPlace)
        {
            Assert.Empty(cloud.Shares);
            Assert.All(cloud.Readers, reader => Assert.Equal(ScanWorld.Target with { Subscription = world.SubscriptionId }, reader));
        }
        else
        {
            Assert.Equal(run.SnapshotIds.Order(StringComparer.Ordinal), cloud.Shares.Select(s => s.SnapshotId).Order(StringComparer.Ordinal));
            Assert.All(cloud.Shares, share => Assert.Equal((ScanWorld.Target with { Subscription = world.SubscriptionId }, ScanWorld.ServiceScope.AccountId),
                (share.Owner, share.AccountId)));
            Assert.All(cloud.Readers, reader => Assert.Equal(ScanWorld.ServiceScope with { Subscription = world.SubscriptionId }, reader));
        }

        Assert.Equal(run.SnapshotIds.Count, cloud.Readers.Count);
    }

    [Fact]
    public async Task A_run_saved_before_sharing_under_a_provider_that_now_reads_in_place_scans_in_place_without_sharing()
    {
        AccessModeCloud? cloud = null;
        var defaults = new WorldOptions();
        var options = new WorldOptions
        {
            CompletionDelay = TimeSpan.Zero,
            WrapCloud = inner => cloud = new AccessModeCloud(inner, SnapshotAccess.ShareToServiceAccount),
            Workflow = defaults.Workflow with { StepsInARow = 1 },
        };
        await using var world = await ScanWorld.CreateAsync(DatabaseProvider.Sqlite, options);
        await world.StartRunAsync(world.Instances[0].AssetId);
        var driver = world.Services.GetRequiredService<ScanDriver>();
        for (var pass = 0; pass < 10 && (await world.RunsAsync())[0].State != ScanRunState.SnapshotsCompleted; pass++)
        {
            await driver.DriveDueAsync(CancellationToken.None);
        }

        Assert.Equal(ScanRunState.SnapshotsCompleted, Assert.Single(await world.RunsAsync()).State);
        Assert.NotNull(cloud);
        cloud.Access = SnapshotAccess.ReadInPlace;

        Assert.True(await world.DriveAsync());
        var run = Assert.Single(await world.RunsAsync());
        Assert.Equal(ScanRunState.Done, run.State);
        Assert.Empty(cloud.Shares);
        Assert.Equal(run.SnapshotIds.Count, cloud.Readers.Count);
        Assert.All(cloud.Readers, reader => Assert.Equal(ScanWorld.Target with { Subscription = world.SubscriptionId }, reader));
        Assert.Equal(0, world.SnapshotsOnDisk());
    }
}

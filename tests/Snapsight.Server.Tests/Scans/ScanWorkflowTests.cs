using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scans;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Scans;

/// <summary>The workflow end to end on a real local cloud and a real database: the path where nothing goes wrong, and starting runs.</summary>
public sealed class ScanWorkflowTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Every_run_ends_done_with_each_volume_read_whole_and_no_snapshot_left(DatabaseProvider database)
    {
        await using var world = await ScanWorld.CreateAsync(database);
        foreach (var instance in world.Instances)
        {
            await world.StartRunAsync(instance.AssetId);
        }

        Assert.True(await world.DriveAsync());

        var runs = await world.RunsAsync();
        Assert.Equal(world.Instances.Count, runs.Count);
        foreach (var run in runs)
        {
            Assert.True(run.State == ScanRunState.Done, $"run {run.Id} is {run.State} ({run.ReasonCode}: {run.LastError})");
            Assert.Null(run.ReasonCode);
            Assert.Null(run.ActiveAssetId);
            Assert.NotNull(run.FinishedAt);
            // The oracle: SHA-256 of the image files, read without the provider or the disk stack.
            var expected = world.Instances.Single(i => i.AssetId == run.AssetId).Sha256;
            var stored = world.Sink.Results[run.Id];
            Assert.Equal(run.AssetId, stored.AssetId);
            Assert.Equal(expected, ((VolumeHashes)stored.Output.Result).Sha256);
            Assert.Equal(expected.Count, run.SnapshotIds.Count);
            Assert.True(stored.Output.BytesRead >= expected.Count * (1L << 20), $"{stored.Output.BytesRead} bytes read");
        }

        Assert.Equal(0, world.SnapshotsOnDisk());
        Assert.Equal(runs.Count, world.Counts.Sets);
    }

    [Fact]
    public async Task Snapshots_are_read_by_the_target_itself_without_a_service_account_and_so_never_shared()
    {
        await using var world = await ScanWorld.CreateAsync(DatabaseProvider.Sqlite, new WorldOptions { SeparateServiceAccount = false });
        await world.StartRunAsync(world.Instances[0].AssetId);
        Assert.True(await world.DriveAsync());
        var run = Assert.Single(await world.RunsAsync());
        Assert.Equal(ScanRunState.Done, run.State);
        Assert.Equal(world.Instances[0].Sha256, ((VolumeHashes)world.Sink.Results[run.Id].Output.Result).Sha256);
    }

    [Theory]
    [InlineData(8, 1)]
    [InlineData(3, 3)]
    public async Task Steps_that_leave_the_run_due_at_once_are_taken_in_one_pass_up_to_the_bound(int inARow, int passes)
    {
        // Planned, set requested, set found or made, set completed, shared, scanning, results stored, cleaned up, done: eight steps, no wait.
        var defaults = new WorldOptions();
        var options = new WorldOptions { CompletionDelay = TimeSpan.Zero, Workflow = defaults.Workflow with { StepsInARow = inARow } };
        await using var world = await ScanWorld.CreateAsync(DatabaseProvider.Sqlite, options);
        await world.StartRunAsync(world.Instances[0].AssetId);
        var driver = world.Services.GetRequiredService<ScanDriver>();
        var steps = new List<int>();
        for (var pass = 0; pass < passes; pass++)
        {
            steps.Add(await driver.DriveDueAsync(CancellationToken.None));
        }

        var expected = Enumerable.Repeat(inARow, passes - 1).Append(8 - (inARow * (passes - 1)));
        Assert.Equal(expected, steps);
        var run = Assert.Single(await world.RunsAsync());
        Assert.Equal(ScanRunState.Done, run.State);
        Assert.Equal(world.Instances[0].Sha256, ((VolumeHashes)world.Sink.Results[run.Id].Output.Result).Sha256);
        Assert.Equal(0, world.SnapshotsOnDisk());
    }

    [Fact]
    public async Task A_set_that_completes_in_seconds_is_seen_seconds_later_not_a_whole_poll_interval_later()
    {
        var completion = TimeSpan.FromSeconds(3);
        await using var world = await ScanWorld.CreateAsync(DatabaseProvider.Sqlite, new WorldOptions { CompletionDelay = completion });
        await world.StartRunAsync(world.Instances[0].AssetId);
        Assert.True(await world.DriveAsync());

        // On the fake clock, every step after the set's completion is immediate: the run ends at the poll that saw it.
        var run = Assert.Single(await world.RunsAsync());
        Assert.Equal(ScanRunState.Done, run.State);
        var seenAfter = run.FinishedAt!.Value - run.SnapshotsRequestedAt!.Value;
        Assert.InRange(seenAfter, completion, 2 * completion);
        Assert.True(seenAfter < new WorldOptions().Workflow.SnapshotPollInterval, $"seen after {seenAfter}");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Starting_is_idempotent_per_asset_while_a_run_is_active_even_when_starts_race(DatabaseProvider database)
    {
        await using var world = await ScanWorld.CreateAsync(database);
        var asset = world.Instances[0].AssetId;
        var racing = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => world.StartRunAsync(asset))));
        var first = Assert.Single(racing.Select(r => r.Id).Distinct());
        Assert.Single(await world.RunsAsync());

        Assert.True(await world.DriveAsync());
        var again = await world.StartRunAsync(asset);
        Assert.NotEqual(first, again.Id);
        Assert.Equal(ScanRunState.Planned, again.State);

        await using var scope = world.Tenant();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<ScanRuns>().StartAsync(Guid.NewGuid(), CancellationToken.None));
    }
}

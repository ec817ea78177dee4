using CsCheck;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scans;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Scans;

/// <summary>
/// Crash safety: the engine dies right after a random cloud call or result hand-over (before it can
/// save what that call did), a few times over; each time the engine, its database contexts and its
/// provider are thrown away and new ones started on the same database and cloud root. Driven to the
/// end, every run is done with exactly one result, no snapshot is left, and no run ever had a second
/// snapshot set made.
/// </summary>
public sealed class ScanCrashTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Runs_finish_exactly_once_whatever_the_crashes(DatabaseProvider database)
    {
        // A run of two instances takes about 30 events; crash points past the end simply never fire.
        var crashes = Gen.Int[1, 40].Array[1, 4];
        await crashes.SampleAsync(async points =>
        {
            await using var world = await ScanWorld.CreateAsync(database);
            foreach (var instance in world.Instances)
            {
                await world.StartRunAsync(instance.AssetId);
            }

            var fired = 0;
            foreach (var point in points)
            {
                var crash = new CrashPlan(point);
                await world.RestartAsync(crash);
                if (await world.DriveAsync(crash))
                {
                    break;
                }

                fired++;
            }

            await world.RestartAsync();
            Assert.True(await world.DriveAsync(), $"runs did not finish after crashes at {string.Join(",", points)}");
            await AssertExactlyOnceAsync(world, $"crashes at {string.Join(",", points)} ({fired} fired)");
        }, iter: database == DatabaseProvider.Sqlite ? 12 : 6, threads: 1);
    }

    private static async Task AssertExactlyOnceAsync(ScanWorld world, string what)
    {
        var runs = await world.RunsAsync();
        Assert.Equal(world.Instances.Count, runs.Count);
        foreach (var run in runs)
        {
            Assert.True(run.State == ScanRunState.Done, $"{what}: run {run.Id} is {run.State} ({run.ReasonCode}: {run.LastError})");
            Assert.True(world.Counts.SetsPerRun.GetValueOrDefault(run.Id) == 1,
                $"{what}: run {run.Id} had {world.Counts.SetsPerRun.GetValueOrDefault(run.Id)} snapshot sets made");
            var expected = world.Instances.Single(i => i.AssetId == run.AssetId).Sha256;
            Assert.Equal(expected, ((VolumeHashes)world.Sink.Results[run.Id].Output.Result).Sha256);
        }

        Assert.Equal(runs.Select(r => r.Id).Order(), world.Sink.Results.Keys.Order());
        Assert.Equal(runs.Count, world.Counts.Sets);
        Assert.True(world.SnapshotsOnDisk() == 0, $"{what}: {world.SnapshotsOnDisk()} snapshots left");
    }
}

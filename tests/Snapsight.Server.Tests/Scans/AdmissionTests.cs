using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scans;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Scans;

/// <summary>
/// Admission control before a snapshot set is made: a run whose set would pass the pending cap of
/// its account and region, or whose volume another run holds a scan snapshot of, waits with its
/// reason instead of failing, and goes once the way is clear.
/// </summary>
public sealed class AdmissionTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Runs_past_the_pending_snapshot_cap_wait_with_the_reason_and_all_end_done(DatabaseProvider database)
    {
        var options = new WorldOptions { VolumesPerInstance = [2, 2, 2] };
        await using var world = await ScanWorld.CreateAsync(database, options with { Workflow = options.Workflow with { MaxPendingSnapshotsPerScope = 3 } });
        foreach (var instance in world.Instances)
        {
            await world.StartRunAsync(instance.AssetId);
        }

        // One pass: the first run's set (2 snapshots) is made and pending; 2 more would make 4, past 3.
        await world.Services.GetRequiredService<ScanDriver>().DriveDueAsync(CancellationToken.None);
        var runs = await world.RunsAsync();
        Assert.Single(runs, r => r.SnapshotIds.Count == 2 && r.WaitReason is null);
        Assert.Equal(2, runs.Count(r => r.WaitReason == ScanWaitReasons.PendingSnapshotLimit && r.SnapshotIds.Count == 0 && r.FinishedAt is null));
        Assert.All(runs.Where(r => r.WaitReason is not null), r => Assert.Contains("limit of 3", r.WaitDetail, StringComparison.Ordinal));

        Assert.True(await world.DriveAsync());
        runs = await world.RunsAsync();
        Assert.All(runs, r => Assert.True(r.State == ScanRunState.Done && r.WaitReason is null, $"{r.State} {r.ReasonCode} {r.WaitReason}"));
        Assert.Equal(0, world.SnapshotsOnDisk());
    }

    [Fact]
    public async Task A_run_waits_while_another_run_holds_a_scan_snapshot_of_its_volume()
    {
        await using var world = await ScanWorld.CreateAsync(DatabaseProvider.Sqlite);
        var (instanceId, assetId, _) = world.Instances[0];
        var volumes = (await world.Services.GetRequiredService<ICloudProvider>().DescribeInstanceAsync(ScanWorld.Target, instanceId, CancellationToken.None))
            .Volumes.Select(v => v.Id).ToList();
        // Another asset's run holding a snapshot of the volume (a volume moved between instances, say).
        var holder = await world.StartRunAsync(world.Instances[1].AssetId);
        await using (var tenant = world.Tenant())
        {
            var db = tenant.ServiceProvider.GetRequiredService<ControlDbContext>();
            var held = await db.ScanRuns.SingleAsync(r => r.Id == holder.Id);
            (held.State, held.VolumeIds, held.NextAttemptAt) = (ScanRunState.Scanning, [volumes[^1]], world.Clock.GetUtcNow().UtcDateTime.AddYears(1));
            await db.SaveChangesAsync();
        }

        var run = await world.StartRunAsync(assetId);
        await world.Services.GetRequiredService<ScanDriver>().DriveDueAsync(CancellationToken.None);
        run = (await world.RunsAsync()).Single(r => r.Id == run.Id);
        Assert.Equal(ScanWaitReasons.VolumeSnapshotInProgress, run.WaitReason);
        Assert.Contains(volumes[^1], run.WaitDetail, StringComparison.Ordinal);
        Assert.Empty(run.SnapshotIds);
        Assert.Null(run.FinishedAt);

        await using (var tenant = world.Tenant())
        {
            await tenant.ServiceProvider.GetRequiredService<ControlDbContext>().ScanRuns.Where(r => r.Id == holder.Id).ExecuteDeleteAsync();
        }

        Assert.True(await world.DriveAsync());
        run = (await world.RunsAsync()).Single(r => r.Id == run.Id);
        Assert.Equal(ScanRunState.Done, run.State);
        Assert.Null(run.WaitReason);
    }
}

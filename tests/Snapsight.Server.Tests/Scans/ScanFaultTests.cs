using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Cloud.Local;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Assets;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scans;

namespace Snapsight.Server.Tests.Scans;

/// <summary>
/// Each fault the local cloud can inject, and each reason a run is not scanned: every run ends
/// either done after retries or failed/skipped with the right reason code, and never with a
/// snapshot left behind.
/// </summary>
public sealed class ScanFaultTests
{
    /// <summary>A fault, and how every run of the fleet must end under it (null: done).</summary>
    public static TheoryData<string, LocalFault[], string?> Faults => new()
    {
        { "throttled creation, twice", [new(LocalFaultKind.Throttle) { Operation = LocalOperation.CreateSnapshotSet, Times = 2 }], null },
        { "every call throttled, three times", [new(LocalFaultKind.Throttle) { Times = 3 }], null },
        { "throttled deletion, three times", [new(LocalFaultKind.Throttle) { Operation = LocalOperation.DeleteSnapshot, Times = 3 }], null },
        { "throttled sharing, twice", [new(LocalFaultKind.Throttle) { Operation = LocalOperation.ShareSnapshot, Times = 2 }], null },
        { "read errors, twice", [new(LocalFaultKind.ReadError) { Times = 2 }], null },
        { "creation throttled for ever", [new(LocalFaultKind.Throttle) { Operation = LocalOperation.CreateSnapshotSet }], ScanReasons.SnapshotFailed },
        { "snapshots end in error", [new(LocalFaultKind.CreationFails)], ScanReasons.SnapshotFailed },
        { "snapshots stuck pending", [new(LocalFaultKind.StuckPending)], ScanReasons.SnapshotFailed },
        { "reads fail for ever", [new(LocalFaultKind.ReadError)], ScanReasons.ScanFailed },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Each_fault_ends_in_success_after_retries_or_in_the_right_failure_and_no_snapshot_is_left(
        string fault, LocalFault[] faults, string? reason)
    {
        await using var world = await ScanWorld.CreateAsync(DatabaseProvider.Sqlite, new WorldOptions { Faults = faults });
        foreach (var instance in world.Instances)
        {
            await world.StartRunAsync(instance.AssetId);
        }

        Assert.True(await world.DriveAsync(), fault);

        foreach (var run in await world.RunsAsync())
        {
            var expected = reason is null ? ScanRunState.Done : ScanRunState.Failed;
            Assert.True(run.State == expected && run.ReasonCode == reason,
                $"{fault}: run ended {run.State} ({run.ReasonCode}: {run.LastError}); expected {expected} ({reason})");
            Assert.Equal(reason is null, world.Sink.Results.ContainsKey(run.Id));
            Assert.Null(run.ActiveAssetId);
            // A failure says in plain words what happened; a retried success still tells the last error it overcame.
            Assert.False(string.IsNullOrWhiteSpace(run.LastError), fault);
        }

        Assert.Equal(0, world.SnapshotsOnDisk());
    }

    [Theory]
    [InlineData(true, ScanReasons.AccessDeniedToEncryptionKey)]
    [InlineData(false, ScanReasons.AccessDenied)]
    public async Task A_denied_share_fails_the_run_naming_the_key_when_a_volume_is_encrypted_and_deletes_the_set(bool encrypted, string reason)
    {
        var options = new WorldOptions { VolumesPerInstance = [2], Encrypted = encrypted, WrapCloud = cloud => new SharingDeniedCloud(cloud) };
        await using var world = await ScanWorld.CreateAsync(DatabaseProvider.Sqlite, options);
        await world.StartRunAsync(world.Instances[0].AssetId);
        Assert.True(await world.DriveAsync());
        var run = Assert.Single(await world.RunsAsync());
        Assert.Equal((ScanRunState.Failed, reason), (run.State, run.ReasonCode));
        // The local cloud names no key: the reason comes from the plan, with nothing to point at.
        Assert.Null(run.ReasonDetail);
        Assert.Contains("not allowed", run.LastError, StringComparison.Ordinal);
        Assert.Equal(1, world.Counts.Sets);
        Assert.Equal(0, world.SnapshotsOnDisk());
    }

    [Fact]
    public async Task A_role_that_may_not_tag_keeps_nothing_and_the_run_ends_done_with_its_set_deleted()
    {
        var options = new WorldOptions { VolumesPerInstance = [2], WrapCloud = cloud => new TaggingDeniedCloud(cloud) };
        await using var world = await ScanWorld.CreateAsync(DatabaseProvider.Sqlite, options);
        await world.StartRunAsync(world.Instances[0].AssetId);
        Assert.True(await world.DriveAsync());
        var run = Assert.Single(await world.RunsAsync());
        Assert.Equal(ScanRunState.Done, run.State);
        Assert.Contains("could not be kept", run.LastError, StringComparison.Ordinal);
        Assert.Equal(0, world.SnapshotsOnDisk());
    }

    [Fact]
    public async Task A_read_the_key_refuses_fails_the_run_naming_the_key_the_provider_named_and_deletes_the_set()
    {
        // Unencrypted as far as the plan knows: only the provider's key id can make it the key's fault.
        const string key = "arn:aws:kms:eu-west-1:111111111111:key/0b7e1c55-5e2a-4c3d-9f1e-2a6b8d4c7e90";
        var options = new WorldOptions { VolumesPerInstance = [2], Encrypted = false, WrapCloud = cloud => new KeyDeniedCloud(cloud, key) };
        await using var world = await ScanWorld.CreateAsync(DatabaseProvider.Sqlite, options);
        await world.StartRunAsync(world.Instances[0].AssetId);
        Assert.True(await world.DriveAsync());
        var run = Assert.Single(await world.RunsAsync());
        Assert.Equal((ScanRunState.Failed, ScanReasons.AccessDeniedToEncryptionKey, key), (run.State, run.ReasonCode, run.ReasonDetail));
        Assert.Contains("does not allow decrypt", run.LastError, StringComparison.Ordinal);
        Assert.Empty(world.Sink.Results);
        Assert.Equal(1, world.Counts.Sets);
        Assert.Equal(0, world.SnapshotsOnDisk());
    }

    [Fact]
    public async Task A_result_the_store_refuses_fails_the_run_as_scan_failed_once_and_deletes_the_set()
    {
        var options = new WorldOptions { WrapSink = _ => new RefusingSink() };
        await using var world = await ScanWorld.CreateAsync(DatabaseProvider.Sqlite, options);
        await world.StartRunAsync(world.Instances[0].AssetId);
        Assert.True(await world.DriveAsync());
        var run = Assert.Single(await world.RunsAsync());
        Assert.Equal((ScanRunState.Failed, ScanReasons.ScanFailed), (run.State, run.ReasonCode));
        Assert.Contains("packages: more than", run.LastError, StringComparison.Ordinal);
        Assert.Equal(1, world.Counts.Sets);
        Assert.Equal(0, world.SnapshotsOnDisk());
    }

    [Fact]
    public async Task A_step_that_keeps_throwing_a_non_cloud_error_backs_off_then_fails_and_deletes_the_set()
    {
        var options = new WorldOptions { CompletionDelay = TimeSpan.Zero, WrapCloud = cloud => new BrokenDescribeCloud(cloud) };
        await using var world = await ScanWorld.CreateAsync(DatabaseProvider.Sqlite, options);
        await world.StartRunAsync(world.Instances[0].AssetId);
        var driver = world.Services.GetRequiredService<ScanDriver>();
        for (var pass = 0; pass < 20 && (await world.RunsAsync())[0] is { Attempt: 0, IsTerminal: false }; pass++)
        {
            await driver.DriveDueAsync(CancellationToken.None);
        }

        Assert.Equal(1, Assert.Single(await world.RunsAsync()).Attempt);

        // The failed step is counted and waited out, not taken again on the very next pass.
        Assert.Equal(0, await driver.DriveDueAsync(CancellationToken.None));
        Assert.True(await world.DriveAsync());
        var run = Assert.Single(await world.RunsAsync());
        Assert.Equal((ScanRunState.Failed, ScanReasons.SnapshotFailed), (run.State, run.ReasonCode));
        Assert.Contains("is broken", run.LastError, StringComparison.Ordinal);
        Assert.Equal(1, world.Counts.Sets);
        Assert.Equal(0, world.SnapshotsOnDisk());
    }

    [Fact]
    public async Task Transient_errors_are_retried_with_growing_waits_and_then_failed_after_the_last_attempt()
    {
        // The planning step describes the instance: throttling that call fails the step, attempt after attempt.
        var options = new WorldOptions { Faults = [new(LocalFaultKind.Throttle) { Operation = LocalOperation.DescribeInstance }] };
        await using var world = await ScanWorld.CreateAsync(DatabaseProvider.Sqlite, options);
        var started = await world.StartRunAsync(world.Instances[0].AssetId);
        var driver = world.Services.GetRequiredService<ScanDriver>();
        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt < options.Workflow.MaxAttempts; attempt++)
        {
            Assert.Equal(1, await driver.DriveDueAsync(CancellationToken.None));
            var run = Assert.Single(await world.RunsAsync());
            Assert.Equal((ScanRunState.Planned, attempt), (run.State, run.Attempt));
            waits.Add(run.NextAttemptAt - world.Clock.GetUtcNow().UtcDateTime);
            // Nothing is due before the wait is over: one layer retries, and only when its time comes.
            Assert.Equal(0, await driver.DriveDueAsync(CancellationToken.None));
            world.Clock.SetUtcNow(new DateTimeOffset(run.NextAttemptAt, TimeSpan.Zero));
        }

        Assert.Equal(1, await driver.DriveDueAsync(CancellationToken.None));
        var failed = Assert.Single(await world.RunsAsync());
        Assert.Equal((started.Id, ScanRunState.Failed, ScanReasons.SnapshotFailed), (failed.Id, failed.State, failed.ReasonCode));
        Assert.Contains("throttling", failed.LastError, StringComparison.Ordinal);
        for (var i = 0; i < waits.Count; i++)
        {
            var ceiling = TimeSpan.FromTicks(Math.Min(options.Workflow.MaxRetryDelay.Ticks, options.Workflow.BaseRetryDelay.Ticks << i));
            Assert.InRange(waits[i], ceiling / 2, ceiling);
        }
    }

    [Fact]
    public async Task Runs_are_skipped_with_their_reason_before_any_snapshot_is_made()
    {
        var options = new WorldOptions
        {
            VolumesPerInstance = [1, 1, 1, 0, 3, 1],
            TagsOf = n => n == 1 ? new() { ["snapsight:exclude"] = "true" } : [],
            Workflow = new WorldOptions().Workflow with { MaxVolumes = 2 },
        };
        await using var world = await ScanWorld.CreateAsync(DatabaseProvider.Sqlite, options);
        var builder = new LocalFleetBuilder(world.Settings.LocalCloudDirectory);
        builder.SetState(ScanWorld.Target, world.Instances[1].InstanceId, InstanceState.Terminated);
        builder.SetState(ScanWorld.Target, world.Instances[3].InstanceId, InstanceState.Stopped);
        await using (var scope = world.Tenant())
        {
            await scope.ServiceProvider.GetRequiredService<Licence>().DeactivateAsync(world.Instances[2].AssetId, ActivationActor.Discovery, CancellationToken.None);
        }

        foreach (var instance in world.Instances)
        {
            await world.StartRunAsync(instance.AssetId);
        }

        Assert.True(await world.DriveAsync());
        var reasons = (await world.RunsAsync()).ToDictionary(r => r.AssetId, r => (r.State, r.ReasonCode));
        Assert.Equal((ScanRunState.Skipped, ScanReasons.ExcludedByTag), reasons[world.Instances[0].AssetId]);
        Assert.Equal((ScanRunState.Skipped, ScanReasons.InstanceTerminated), reasons[world.Instances[1].AssetId]);
        Assert.Equal((ScanRunState.Skipped, ScanReasons.LicenceExhausted), reasons[world.Instances[2].AssetId]);
        Assert.Equal((ScanRunState.Skipped, ScanReasons.InstanceStoppedWithoutVolumes), reasons[world.Instances[3].AssetId]);
        Assert.Equal((ScanRunState.Skipped, ScanReasons.TooManyVolumes), reasons[world.Instances[4].AssetId]);
        Assert.Equal((ScanRunState.Done, (string?)null), reasons[world.Instances[5].AssetId]);
        Assert.Equal(1, world.Counts.Sets);
        Assert.Equal(0, world.SnapshotsOnDisk());
    }

    [Fact]
    public async Task A_volume_over_the_size_limit_is_skipped()
    {
        var options = new WorldOptions { VolumesPerInstance = [1], Workflow = new WorldOptions().Workflow with { MaxVolumeBytes = (1 << 20) - 1 } };
        await using var world = await ScanWorld.CreateAsync(DatabaseProvider.Sqlite, options);
        await world.StartRunAsync(world.Instances[0].AssetId);
        Assert.True(await world.DriveAsync());
        var run = Assert.Single(await world.RunsAsync());
        Assert.Equal((ScanRunState.Skipped, ScanReasons.VolumeTooLarge), (run.State, run.ReasonCode));
        Assert.Equal(0, world.Counts.Sets);
    }

    [Fact]
    public async Task A_scanner_refusal_fails_the_run_with_its_reason_and_deletes_the_snapshots()
    {
        await using var world = await ScanWorld.CreateAsync(DatabaseProvider.Sqlite, new WorldOptions { VolumesPerInstance = [2] });
        await world.RestartWithExecutorAsync(new RefusingExecutor());
        await world.StartRunAsync(world.Instances[0].AssetId);
        Assert.True(await world.DriveAsync());
        var run = Assert.Single(await world.RunsAsync());
        Assert.Equal((ScanRunState.Failed, ScanReasons.UnsupportedOs), (run.State, run.ReasonCode));
        Assert.Equal(1, world.Counts.Sets);
        Assert.Equal(0, world.SnapshotsOnDisk());
        Assert.Empty(world.Sink.Results);
        await using var scope = world.Tenant();
        Assert.False(await scope.ServiceProvider.GetRequiredService<ControlDbContext>().ScanRuns.AnyAsync(r => r.ActiveAssetId != null));
    }

    private sealed class RefusingExecutor : IScanExecutor
    {
        public Task<ScanOutput> ScanAsync(ScanRequest request, CancellationToken cancellationToken) =>
            throw new ScanRefusedException(ScanReasons.UnsupportedOs, "no operating system the scanner knows");
    }
}

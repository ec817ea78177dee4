using CsCheck;
using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Tests.Provider;

/// <summary>Quotas, injected faults, and a property over random write/snapshot sequences.</summary>
public abstract partial class CloudProviderContractTests
{
    [Fact]
    public async Task Concurrent_snapshots_per_volume_are_capped_and_the_refusal_is_transient()
    {
        using var fleet = CreateFleet(new ContractSettings { MaxConcurrentSnapshotsPerVolume = 1 });
        await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, RunTags("run-1"), Ct);

        await ThrowsAsync(CloudErrorCode.QuotaExceeded, () => fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, RunTags("run-2"), Ct));
        Assert.Empty(await fleet.Provider.ListSnapshotsByTagsAsync(fleet.Owner, RunTags("run-2"), Ct)); // none of the set was started

        await fleet.CompletePendingAsync();
        Assert.Equal(2, (await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, RunTags("run-2"), Ct)).Count);
    }

    [Fact]
    public async Task Pending_snapshots_per_account_are_capped_for_the_whole_set()
    {
        using var fleet = CreateFleet(new ContractSettings { MaxPendingSnapshotsPerAccount = 3 });
        await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, RunTags("run-1"), Ct); // 2 pending

        // One more would fit, but a set of two would not: nothing of it is created.
        await ThrowsAsync(CloudErrorCode.QuotaExceeded, () => fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, RunTags("run-2"), Ct));
        Assert.Empty(await fleet.Provider.ListSnapshotsByTagsAsync(fleet.Owner, RunTags("run-2"), Ct));

        await fleet.CompletePendingAsync();
        await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, RunTags("run-2"), Ct);
    }

    [Fact]
    public async Task A_failing_creation_ends_in_the_error_state_and_cannot_be_read_but_can_be_deleted()
    {
        using var fleet = CreateFleet(new ContractSettings { Faults = [new ContractFault(ContractFaultKind.CreationFails, Times: 1)] });
        var set = await CompletedSetAsync(fleet, "run-1");

        var failed = await fleet.Provider.DescribeSnapshotAsync(fleet.Owner, set[0].Id, Ct);
        Assert.Equal(SnapshotState.Error, failed.State);
        Assert.NotNull(failed.StateMessage);
        await ThrowsAsync(CloudErrorCode.InvalidState, () => fleet.Provider.OpenSnapshotAsync(fleet.Owner, set[0].Id, Ct));
        Assert.Equal(SnapshotState.Completed, (await fleet.Provider.DescribeSnapshotAsync(fleet.Owner, set[1].Id, Ct)).State);
        await fleet.Provider.DeleteSnapshotAsync(fleet.Owner, set[0].Id, Ct);
    }

    [Fact]
    public async Task A_stuck_snapshot_stays_pending_holds_its_quota_and_can_be_deleted()
    {
        using var fleet = CreateFleet(new ContractSettings
        {
            MaxConcurrentSnapshotsPerVolume = 1,
            Faults = [new ContractFault(ContractFaultKind.StuckPending, Times: 1)],
        });
        var set = await CompletedSetAsync(fleet, "run-1");

        Assert.Equal(SnapshotState.Pending, (await fleet.Provider.DescribeSnapshotAsync(fleet.Owner, set[0].Id, Ct)).State);
        await ThrowsAsync(CloudErrorCode.QuotaExceeded, () => fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, RunTags("run-2"), Ct));
        await fleet.Provider.DeleteSnapshotAsync(fleet.Owner, set[0].Id, Ct);
        await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, RunTags("run-2"), Ct);
    }

    [Fact]
    public async Task A_read_error_is_transient_and_the_next_read_succeeds()
    {
        using var fleet = CreateFleet(new ContractSettings { Faults = [new ContractFault(ContractFaultKind.ReadError, Times: 1)] });
        var set = await CompletedSetAsync(fleet, "run-1");
        using var device = await fleet.Provider.OpenSnapshotAsync(fleet.Owner, set[1].Id, Ct);
        var buffer = new byte[4096];

        await ThrowsAsync(CloudErrorCode.Unavailable, async () => await device.ReadAsync(0, buffer, Ct));
        Assert.Equal(buffer.Length, await device.ReadAsync(0, buffer, Ct));
    }

    [Fact]
    public async Task Throttling_is_transient_and_leaves_nothing_behind()
    {
        using var fleet = CreateFleet(new ContractSettings { Faults = [new ContractFault(ContractFaultKind.ThrottleCreate, Times: 2)] });
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await ThrowsAsync(CloudErrorCode.Throttled, () => fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, RunTags("run-1"), Ct));
        }

        Assert.Empty(await fleet.Provider.ListSnapshotsByTagsAsync(fleet.Owner, RunTags("run-1"), Ct));
        Assert.Equal(2, (await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, RunTags("run-1"), Ct)).Count);
    }

    /// <summary>Random writes to both volumes between snapshots: every snapshot still reads as its volumes were at its time.</summary>
    [Fact]
    public async Task Every_snapshot_of_a_random_write_sequence_equals_its_volume_at_its_time()
    {
        var write = Gen.Select(Gen.Int[0, 1], Gen.Int[0, 63], Gen.Int[1, 16], Gen.Byte);
        var step = Gen.Select(Gen.Bool, write);
        // At most five steps: six snapshots, all pending on the fake clock, would pass the per-volume quota of five.
        await step.Array[1, 5].SampleAsync(async steps =>
        {
            using var fleet = CreateFleet();
            var volumes = (await TheInstanceAsync(fleet)).Volumes;
            var expected = new List<(string SnapshotId, byte[] Content)>();
            foreach (var (snapshot, (volume, block, blocks, pattern)) in steps)
            {
                if (snapshot)
                {
                    var set = await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, RunTags("p"), Ct);
                    for (var i = 0; i < volumes.Count; i++)
                    {
                        expected.Add((set[i].Id, await fleet.ReadVolumeAsync(volumes[i].Id)));
                    }
                }
                else
                {
                    await fleet.WriteVolumeAsync(volumes[volume].Id, block * 65536L, blocks * 4096, pattern);
                }
            }

            await fleet.CompletePendingAsync();
            foreach (var (snapshotId, content) in expected)
            {
                Assert.Equal(content, await ReadSnapshotAsync(fleet, fleet.Owner, snapshotId, content.Length));
            }
        }, iter: 6, threads: 1);
    }
}

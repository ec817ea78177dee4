using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Tests.Provider;

/// <summary>
/// The behaviour every <see cref="ICloudProvider"/> owes the scan workflow. Each provider's test
/// class inherits it and supplies a fleet: the local provider, and the AWS provider against the fake AWS endpoints.
/// </summary>
public abstract partial class CloudProviderContractTests
{
    protected abstract ContractFleet CreateFleet(ContractSettings settings);

    private ContractFleet CreateFleet() => CreateFleet(new ContractSettings());

    private static CancellationToken Ct => CancellationToken.None;

    private static Dictionary<string, string> RunTags(string run) => ContractTags.Run(run);

    private static Task<CloudProviderException> ThrowsAsync(CloudErrorCode code, Func<Task> call) => ContractTags.ThrowsAsync(code, call);

    /// <summary>
    /// The first <paramref name="contentLength"/> bytes of a snapshot (the volume as the fleet wrote
    /// it); the device must be that long rounded up to the provider's unit, and zeros past it.
    /// </summary>
    private static async Task<byte[]> ReadSnapshotAsync(ContractFleet fleet, CloudScope reader, string snapshotId, long contentLength)
    {
        using var device = await fleet.Provider.OpenSnapshotAsync(reader, snapshotId, Ct);
        Assert.Equal(RoundUp(contentLength, fleet.VolumeSizeUnit), device.Length);
        var bytes = new byte[contentLength];
        var done = 0;
        while (done < bytes.Length)
        {
            var n = await device.ReadAsync(done, bytes.AsMemory(done, Math.Min(1 << 20, bytes.Length - done)), Ct);
            Assert.True(n > 0, $"the device ended at {done} of {bytes.Length}");
            done += n;
        }

        var tail = new byte[16 << 20];
        for (var offset = contentLength; offset < device.Length; offset += tail.Length)
        {
            var n = await device.ReadAsync(offset, tail, Ct);
            Assert.True(n > 0 && tail.AsSpan(0, n).IndexOfAnyExcept((byte)0) < 0, $"the snapshot holds data past its volume's content at {offset}");
        }

        return bytes;
    }

    private static long RoundUp(long length, long unit) => (length + unit - 1) / unit * unit;

    private static async Task<CloudInstance> TheInstanceAsync(ContractFleet fleet) =>
        Assert.Single(await fleet.Provider.ListInstancesAsync(fleet.Owner, Ct), i => i.Id == fleet.InstanceId);

    private static async Task<IReadOnlyList<CloudSnapshot>> CompletedSetAsync(ContractFleet fleet, string run)
    {
        var set = await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, RunTags(run), Ct);
        await fleet.CompletePendingAsync();
        return set;
    }

    [Fact]
    public async Task Lists_the_accounts_region_and_the_instance_with_its_volumes()
    {
        using var fleet = CreateFleet();
        Assert.Contains(fleet.Owner.Region, await fleet.Provider.ListRegionsAsync(fleet.Owner.AccountId, Ct));

        var instance = await TheInstanceAsync(fleet);
        Assert.Equal(ContractInstance.Name, instance.Name);
        Assert.Equal(InstanceState.Running, instance.State);
        Assert.Equal(ContractInstance.Tags.OrderBy(t => t.Key), instance.Tags.OrderBy(t => t.Key));
        Assert.Equal(ContractInstance.PrivateIpAddress, instance.PrivateIpAddress);
        Assert.Equal(ContractInstance.PublicIpAddress, instance.PublicIpAddress);
        Assert.Equal(InstancePlatform.Linux, instance.Platform);
        Assert.Equal(ContractInstance.ImageId, instance.ImageId);
        Assert.Equal(fleet.LaunchTime, instance.LaunchTime);
        Assert.Equal([ContractInstance.RootDevice, ContractInstance.DataDevice], instance.Volumes.Select(v => v.DeviceName));
        Assert.Equal([null, ContractInstance.DataKeyId], instance.Volumes.Select(v => v.EncryptionKeyId));
        foreach (var volume in instance.Volumes)
        {
            Assert.Equal(RoundUp((await fleet.ReadVolumeAsync(volume.Id)).Length, fleet.VolumeSizeUnit), volume.SizeBytes);
        }

        // Described alone, the instance is what the list holds.
        var described = await fleet.Provider.DescribeInstanceAsync(fleet.Owner, instance.Id, Ct);
        Assert.Equal((instance.Id, instance.Name, instance.State, instance.PrivateIpAddress, instance.PublicIpAddress, instance.ImageId, instance.LaunchTime),
            (described.Id, described.Name, described.State, described.PrivateIpAddress, described.PublicIpAddress, described.ImageId, described.LaunchTime));
        Assert.Equal(instance.Tags.OrderBy(t => t.Key), described.Tags.OrderBy(t => t.Key));
        Assert.Equal(instance.Volumes, described.Volumes);
    }

    [Fact]
    public async Task Unknown_accounts_regions_instances_and_snapshots_are_not_found_and_malformed_ids_invalid()
    {
        using var fleet = CreateFleet();
        var provider = fleet.Provider;
        await ThrowsAsync(CloudErrorCode.NotFound, () => provider.ListRegionsAsync("999999999999", Ct));
        await ThrowsAsync(CloudErrorCode.NotFound, () => provider.ListInstancesAsync(new CloudScope(fleet.Owner.AccountId, "xx-nowhere-9"), Ct));
        await ThrowsAsync(CloudErrorCode.NotFound, () => provider.CreateSnapshotSetAsync(fleet.Owner, "i-0000000000000000a", RunTags("r"), Ct));
        await ThrowsAsync(CloudErrorCode.NotFound, () => provider.DescribeInstanceAsync(fleet.Owner, "i-0000000000000000a", Ct));
        await ThrowsAsync(CloudErrorCode.NotFound, () => provider.DescribeInstanceAsync(new CloudScope(fleet.Owner.AccountId, "xx-nowhere-9"), fleet.InstanceId, Ct));
        await ThrowsAsync(CloudErrorCode.InvalidParameter, () => provider.DescribeInstanceAsync(fleet.Owner, "i-../../etc", Ct));
        await ThrowsAsync(CloudErrorCode.NotFound, () => provider.DescribeSnapshotAsync(fleet.Owner, "snap-0000000000000000a", Ct));
        await ThrowsAsync(CloudErrorCode.NotFound, () => provider.DeleteSnapshotAsync(fleet.Owner, "snap-0000000000000000a", Ct));
        await ThrowsAsync(CloudErrorCode.InvalidParameter, () => provider.ListRegionsAsync("12345", Ct));
        await ThrowsAsync(CloudErrorCode.InvalidParameter, () => provider.DescribeSnapshotAsync(fleet.Owner, "snap-../../etc", Ct));
        await ThrowsAsync(CloudErrorCode.InvalidParameter, () => Task.FromResult(new CloudScope(fleet.Owner.AccountId, "../eu-west-1")));
    }

    [Fact]
    public async Task A_set_snapshots_every_volume_at_one_time_with_the_tags_and_goes_from_pending_to_completed()
    {
        using var fleet = CreateFleet();
        var instance = await TheInstanceAsync(fleet);
        var tags = RunTags("run-1");

        var set = await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, tags, Ct);

        Assert.Equal(instance.Volumes.Select(v => v.Id), set.Select(s => s.VolumeId));
        Assert.Equal(instance.Volumes.Select(v => v.SizeBytes), set.Select(s => s.VolumeSizeBytes));
        Assert.Equal(instance.Volumes.Select(v => v.EncryptionKeyId), set.Select(s => s.EncryptionKeyId));
        Assert.Single(set.Select(s => s.StartTime).Distinct());
        Assert.Equal(set.Count, set.Select(s => s.Id).Distinct().Count());
        foreach (var snapshot in set)
        {
            var described = await fleet.Provider.DescribeSnapshotAsync(fleet.Owner, snapshot.Id, Ct);
            Assert.Equal(SnapshotState.Pending, described.State);
            Assert.InRange(described.Progress, 0, 99);
            Assert.Equal(fleet.Owner.AccountId, described.OwnerAccountId);
            Assert.Equal(fleet.Owner.Region, described.Region);
            Assert.Equal(tags.OrderBy(t => t.Key), described.Tags.OrderBy(t => t.Key));
            Assert.Empty(described.SharedWith);
            await ThrowsAsync(CloudErrorCode.InvalidState, () => fleet.Provider.OpenSnapshotAsync(fleet.Owner, snapshot.Id, Ct));
        }

        await fleet.CompletePendingAsync();

        foreach (var snapshot in set)
        {
            var described = await fleet.Provider.DescribeSnapshotAsync(fleet.Owner, snapshot.Id, Ct);
            Assert.Equal(SnapshotState.Completed, described.State);
            Assert.Equal(100, described.Progress);
            Assert.Null(described.StateMessage);
        }
    }

    [Fact]
    public async Task A_snapshot_reads_as_its_volume_was_when_taken_even_after_the_volume_changes()
    {
        using var fleet = CreateFleet();
        var volumes = (await TheInstanceAsync(fleet)).Volumes;
        var before = new List<byte[]>();
        foreach (var volume in volumes)
        {
            before.Add(await fleet.ReadVolumeAsync(volume.Id));
        }

        var set = await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, RunTags("run-1"), Ct);
        foreach (var volume in volumes)
        {
            await fleet.WriteVolumeAsync(volume.Id, 0, 128 << 10, 0xA5);
        }

        await fleet.CompletePendingAsync();
        for (var i = 0; i < volumes.Count; i++)
        {
            Assert.NotEqual(before[i], await fleet.ReadVolumeAsync(volumes[i].Id)); // the write landed
            Assert.Equal(before[i], await ReadSnapshotAsync(fleet, fleet.Owner, set[i].Id, before[i].Length));
        }
    }

    [Fact]
    public async Task Snapshots_are_listed_by_their_tags_to_their_owner_only()
    {
        using var fleet = CreateFleet();
        var first = await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, RunTags("run-1"), Ct);
        var second = await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, RunTags("run-2"), Ct);
        var untagged = await fleet.CreateForeignSnapshotsAsync(new Dictionary<string, string> { ["backup"] = "daily" });

        var byRun = await fleet.Provider.ListSnapshotsByTagsAsync(fleet.Owner, new Dictionary<string, string> { [SnapshotTags.Run] = "run-2" }, Ct);
        Assert.Equal(second.Select(s => s.Id).Order(), byRun.Select(s => s.Id));

        var ours = new Dictionary<string, string> { [SnapshotTags.Product] = SnapshotTags.ProductValue };
        var all = await fleet.Provider.ListSnapshotsByTagsAsync(fleet.Owner, ours, Ct);
        Assert.Equal(first.Concat(second).Select(s => s.Id).Order(StringComparer.Ordinal), all.Select(s => s.Id));
        Assert.DoesNotContain(all, s => untagged.Contains(s.Id));

        await fleet.Provider.ShareSnapshotAsync(fleet.Owner, first[0].Id, fleet.OtherAccountId, Ct);
        Assert.Empty(await fleet.Provider.ListSnapshotsByTagsAsync(fleet.Other, ours, Ct));
    }

    [Fact]
    public async Task Another_account_sees_and_reads_a_snapshot_only_while_it_holds_a_grant_and_never_changes_it()
    {
        using var fleet = CreateFleet();
        var snapshot = (await CompletedSetAsync(fleet, "run-1"))[0];
        var provider = fleet.Provider;
        var other = fleet.Other;

        await ThrowsAsync(CloudErrorCode.NotFound, () => provider.DescribeSnapshotAsync(other, snapshot.Id, Ct));
        await ThrowsAsync(CloudErrorCode.AccessDenied, () => provider.OpenSnapshotAsync(other, snapshot.Id, Ct));
        await ThrowsAsync(CloudErrorCode.NotFound, () => provider.ShareSnapshotAsync(other, snapshot.Id, "333333333333", Ct));
        await ThrowsAsync(CloudErrorCode.InvalidParameter, () => provider.ShareSnapshotAsync(fleet.Owner, snapshot.Id, fleet.Owner.AccountId, Ct));

        await provider.ShareSnapshotAsync(fleet.Owner, snapshot.Id, other.AccountId, Ct);
        await provider.ShareSnapshotAsync(fleet.Owner, snapshot.Id, other.AccountId, Ct); // idempotent
        var seen = await provider.DescribeSnapshotAsync(other, snapshot.Id, Ct);
        Assert.Equal([other.AccountId], seen.SharedWith);
        Assert.Equal(fleet.Owner.AccountId, seen.OwnerAccountId);
        var length = (await fleet.ReadVolumeAsync(snapshot.VolumeId)).Length;
        Assert.Equal(await ReadSnapshotAsync(fleet, fleet.Owner, snapshot.Id, length), await ReadSnapshotAsync(fleet, other, snapshot.Id, length));
        await ThrowsAsync(CloudErrorCode.AccessDenied, () => provider.DeleteSnapshotAsync(other, snapshot.Id, Ct));
        await ThrowsAsync(CloudErrorCode.AccessDenied, () => provider.UnshareSnapshotAsync(other, snapshot.Id, other.AccountId, Ct));

        await provider.UnshareSnapshotAsync(fleet.Owner, snapshot.Id, other.AccountId, Ct);
        await provider.UnshareSnapshotAsync(fleet.Owner, snapshot.Id, other.AccountId, Ct);
        Assert.Empty((await provider.DescribeSnapshotAsync(fleet.Owner, snapshot.Id, Ct)).SharedWith);
        await ThrowsAsync(CloudErrorCode.AccessDenied, () => provider.OpenSnapshotAsync(other, snapshot.Id, Ct));
    }

    [Fact]
    public async Task A_copy_of_a_completed_snapshot_is_tagged_with_its_source_made_once_and_reads_as_it_when_shared()
    {
        using var fleet = CreateFleet();
        var provider = fleet.Provider;
        var tags = RunTags("run-1");
        var pending = await provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, tags, Ct);
        if (provider.SnapshotAccess == SnapshotAccess.ReadInPlace)
        {
            // Reading in place needs no copy, and a provider in that mode makes none.
            await fleet.CompletePendingAsync();
            await ThrowsAsync(CloudErrorCode.InvalidParameter, () => provider.CopySnapshotAsync(fleet.Owner, pending[0].Id, Ct));
            return;
        }

        await ThrowsAsync(CloudErrorCode.InvalidState, () => provider.CopySnapshotAsync(fleet.Owner, pending[0].Id, Ct));
        await fleet.CompletePendingAsync();
        var source = pending[0];
        await ThrowsAsync(CloudErrorCode.NotFound, () => provider.CopySnapshotAsync(fleet.Other, source.Id, Ct));

        var copy = await provider.CopySnapshotAsync(fleet.Owner, source.Id, Ct);
        Assert.Equal(copy.Id, (await provider.CopySnapshotAsync(fleet.Owner, source.Id, Ct)).Id);
        Assert.NotEqual(source.Id, copy.Id);
        Assert.Equal((fleet.Owner.AccountId, fleet.Owner.Region, source.VolumeSizeBytes), (copy.OwnerAccountId, copy.Region, copy.VolumeSizeBytes));
        Assert.Equal(tags.Append(KeyValuePair.Create(SnapshotTags.CopyOf, source.Id)).OrderBy(t => t.Key), copy.Tags.OrderBy(t => t.Key));
        Assert.Empty(copy.SharedWith);
        await fleet.CompletePendingAsync();
        Assert.Equal(SnapshotState.Completed, (await provider.DescribeSnapshotAsync(fleet.Owner, copy.Id, Ct)).State);

        await provider.ShareSnapshotAsync(fleet.Owner, copy.Id, fleet.OtherAccountId, Ct);
        var length = (await fleet.ReadVolumeAsync(source.VolumeId)).Length;
        Assert.Equal(await ReadSnapshotAsync(fleet, fleet.Owner, source.Id, length), await ReadSnapshotAsync(fleet, fleet.Other, copy.Id, length));
        Assert.Equal(pending.Select(s => s.Id).Append(copy.Id).Order(StringComparer.Ordinal),
            (await provider.ListSnapshotsByTagsAsync(fleet.Owner, tags, Ct)).Select(s => s.Id)); // cleanup by tag finds the copy too
        await provider.DeleteSnapshotAsync(fleet.Owner, copy.Id, Ct);
        await ThrowsAsync(CloudErrorCode.NotFound, () => provider.DescribeSnapshotAsync(fleet.Owner, copy.Id, Ct));
    }

    [Fact]
    public async Task A_deleted_snapshot_is_gone_in_any_state_and_deleting_it_again_is_not_found()
    {
        using var fleet = CreateFleet();
        var set = await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, RunTags("run-1"), Ct);

        await fleet.Provider.DeleteSnapshotAsync(fleet.Owner, set[0].Id, Ct); // still pending
        await fleet.CompletePendingAsync();
        await fleet.Provider.DeleteSnapshotAsync(fleet.Owner, set[1].Id, Ct); // completed

        foreach (var snapshot in set)
        {
            await ThrowsAsync(CloudErrorCode.NotFound, () => fleet.Provider.DescribeSnapshotAsync(fleet.Owner, snapshot.Id, Ct));
            await ThrowsAsync(CloudErrorCode.NotFound, () => fleet.Provider.OpenSnapshotAsync(fleet.Owner, snapshot.Id, Ct));
            await ThrowsAsync(CloudErrorCode.NotFound, () => fleet.Provider.DeleteSnapshotAsync(fleet.Owner, snapshot.Id, Ct));
        }

        Assert.Empty(await fleet.Provider.ListSnapshotsByTagsAsync(fleet.Owner, RunTags("run-1"), Ct));
    }

    [Fact]
    public async Task Tags_that_break_the_providers_rules_are_refused_before_anything_is_created()
    {
        using var fleet = CreateFleet();
        foreach (var tags in new[]
        {
            new Dictionary<string, string> { ["aws:reserved"] = "x" },
            new Dictionary<string, string> { [""] = "x" },
            new Dictionary<string, string> { [new string('k', 129)] = "x" },
            new Dictionary<string, string> { ["k"] = new string('v', 257) },
            Enumerable.Range(0, 51).ToDictionary(i => $"k{i}", _ => "v"),
        })
        {
            await ThrowsAsync(CloudErrorCode.InvalidParameter, () => fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, tags, Ct));
        }

        Assert.Empty(await fleet.Provider.ListSnapshotsByTagsAsync(fleet.Owner, new Dictionary<string, string>(), Ct));
    }
}

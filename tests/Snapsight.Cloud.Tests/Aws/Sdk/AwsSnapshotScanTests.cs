using Snapsight.AwsFake;
using Snapsight.Cloud.Provider;
using Snapsight.Cloud.Tests.Provider;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Tests.Support;
using Snapsight.Scanning;

namespace Snapsight.Cloud.Tests.Aws.Sdk;

/// <summary>
/// End to end through the AWS provider: an instance whose root volume is the real Debian 12 image
/// is snapshotted with our tags and scanned, either opened in place with the assumed role or, in
/// copy-and-share mode, copied under the copy key, shared and opened by the service account; each
/// finds what a scan of the image file finds, fetching only part of the written blocks, and the
/// fake refused nothing on the way.
/// </summary>
public sealed class AwsSnapshotScanTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task A_scan_of_an_instance_through_the_provider_finds_what_a_scan_of_its_image_finds()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings(), o => o with { ReadAheadBlocks = 32 });
        var (debian, set) = await DebianSetAsync(fleet);

        var viaAws = await ScanAsync(fleet, fleet.Owner, set[0].Id, debian);

        await AssertAsImageAsync(viaAws, debian);
        var written = new FakeEbsSnapshot(set[0].Id, debian.Volumes[0].ImagePath).WrittenBlocks.Length;
        Assert.InRange(fleet.Aws.EbsClient(fleet.Owner).Counters.BlocksFetched, 1, written - 1);
        Assert.Empty(fleet.Cloud.Denials);
    }

    [Fact]
    public async Task A_scan_in_copy_and_share_mode_finds_what_read_in_place_finds_and_leaves_neither_snapshot_behind()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings(), o => o with { ReadAheadBlocks = 32 }, copyAndShare: true);
        var (debian, set) = await DebianSetAsync(fleet);
        var copy = await fleet.Provider.CopySnapshotAsync(fleet.Owner, set[0].Id, Ct);
        await fleet.CompletePendingAsync();
        await fleet.Provider.ShareSnapshotAsync(fleet.Owner, copy.Id, fleet.OtherAccountId, Ct);

        var viaCopy = await ScanAsync(fleet, fleet.Other, copy.Id, debian);
        var inPlace = await ScanAsync(fleet, fleet.Owner, set[0].Id, debian);

        await AssertAsImageAsync(viaCopy, debian);
        Assert.Equal(inPlace.Inventory.Packages.Select(p => $"{p.Purl} {p.Package.Location}"), viaCopy.Inventory.Packages.Select(p => $"{p.Purl} {p.Package.Location}"));
        // The copy was read by the service account's own client, not the target role's.
        Assert.InRange(fleet.Aws.EbsClient(fleet.Other).Counters.BlocksFetched, 1, new FakeEbsSnapshot(copy.Id, debian.Volumes[0].ImagePath).WrittenBlocks.Length - 1);

        foreach (var snapshot in await fleet.Provider.ListSnapshotsByTagsAsync(fleet.Owner, ContractTags.Run("scan-1"), Ct))
        {
            await fleet.Provider.DeleteSnapshotAsync(fleet.Owner, snapshot.Id, Ct);
        }

        Assert.Empty(fleet.Cloud.SnapshotsOf(fleet.Owner.AccountId));
        Assert.Empty(fleet.Cloud.Denials);
    }

    private static async Task<(AwsFake.Cloud.FakeInstance Debian, IReadOnlyList<CloudSnapshot> Set)> DebianSetAsync(AwsContractFleet fleet)
    {
        var debian = fleet.Cloud.AddInstance(fleet.Owner.AccountId, fleet.Owner.Region, new Dictionary<string, string> { ["Name"] = "debian" },
            [(DebianImages.Path("root-ext4.img"), "/dev/xvda", null)], fleet.LaunchTime);
        var set = await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, debian.Id, ContractTags.Run("scan-1"), Ct);
        await fleet.CompletePendingAsync();
        return (debian, set);
    }

    private static async Task<ScanResult> ScanAsync(AwsContractFleet fleet, CloudScope reader, string snapshotId, AwsFake.Cloud.FakeInstance debian)
    {
        using var device = await fleet.Provider.OpenSnapshotAsync(reader, snapshotId, Ct);
        return await ScanPipeline.RunAsync("snapshot", [new ScanVolume(debian.Volumes[0].Id, device)], new ScanOptions());
    }

    /// <summary>The scan found the system and packages a scan of the image file finds (the oracle).</summary>
    private static async Task AssertAsImageAsync(ScanResult viaAws, AwsFake.Cloud.FakeInstance debian)
    {
        using var file = FileBlockDevice.Open(DebianImages.Path("root-ext4.img"));
        var direct = await ScanPipeline.RunAsync("image", [new ScanVolume(debian.Volumes[0].Id, file)], new ScanOptions());
        Assert.NotNull(viaAws.Os);
        Assert.Equal(direct.Os?.VersionId, viaAws.Os.VersionId);
        Assert.True(direct.Inventory.Packages.Count > 100, $"{direct.Inventory.Packages.Count} packages");
        Assert.Equal(direct.Inventory.Packages.Select(p => p.Purl), viaAws.Inventory.Packages.Select(p => p.Purl));
    }
}

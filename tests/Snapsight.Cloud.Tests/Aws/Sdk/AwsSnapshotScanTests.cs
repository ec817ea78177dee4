using Snapsight.AwsFake;
using Snapsight.Cloud.Tests.Provider;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Tests.Support;
using Snapsight.Scanning;

namespace Snapsight.Cloud.Tests.Aws.Sdk;

/// <summary>
/// End to end through the AWS provider: an instance whose root volume is the real Debian 12 image
/// is snapshotted with our tags, the snapshot opened in place with the assumed role and scanned;
/// it finds what a scan of the image file finds, fetching only part of the written blocks, and the
/// fake refused nothing on the way.
/// </summary>
public sealed class AwsSnapshotScanTests
{
    [Fact]
    public async Task A_scan_of_an_instance_through_the_provider_finds_what_a_scan_of_its_image_finds()
    {
        var image = DebianImages.Path("root-ext4.img");
        using var fleet = AwsContractFleet.Create(new ContractSettings(), o => o with { ReadAheadBlocks = 32 });
        var debian = fleet.Cloud.AddInstance(fleet.Owner.AccountId, fleet.Owner.Region, new Dictionary<string, string> { ["Name"] = "debian" },
            [(image, "/dev/xvda", null)], fleet.LaunchTime);

        var set = await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, debian.Id, ContractTags.Run("scan-1"), CancellationToken.None);
        await fleet.CompletePendingAsync();
        using var device = await fleet.Provider.OpenSnapshotAsync(fleet.Owner, Assert.Single(set).Id, CancellationToken.None);
        var viaAws = await ScanPipeline.RunAsync("snapshot", [new ScanVolume(debian.Volumes[0].Id, device)], new ScanOptions());
        using var file = FileBlockDevice.Open(image);
        var direct = await ScanPipeline.RunAsync("image", [new ScanVolume(debian.Volumes[0].Id, file)], new ScanOptions());

        Assert.NotNull(viaAws.Os);
        Assert.Equal(direct.Os?.VersionId, viaAws.Os.VersionId);
        Assert.True(direct.Inventory.Packages.Count > 100, $"{direct.Inventory.Packages.Count} packages");
        Assert.Equal(direct.Inventory.Packages.Select(p => p.Purl), viaAws.Inventory.Packages.Select(p => p.Purl));
        // The volume's written (non-zero) blocks, as the fake's scan of its file finds them.
        var written = new FakeEbsSnapshot(set[0].Id, debian.Volumes[0].ImagePath).WrittenBlocks.Length;
        Assert.InRange(fleet.Aws.EbsClient(fleet.Owner).Counters.BlocksFetched, 1, written - 1);
        Assert.Empty(fleet.Cloud.Denials);
    }
}

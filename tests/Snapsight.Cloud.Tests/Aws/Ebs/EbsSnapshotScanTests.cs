using Snapsight.AwsFake;
using Snapsight.Cloud.Aws.Ebs;
using Snapsight.Cloud.Tests.Aws.Fake;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Tests.Support;
using Snapsight.Scanning;

namespace Snapsight.Cloud.Tests.Aws.Ebs;

/// <summary>
/// End to end: the real Debian 12 root file system image (tests/images/build-debian-images) served
/// by the fake as an EBS snapshot, opened as an <see cref="EbsSnapshotBlockDevice"/> and scanned,
/// gives the same system and packages as the same image scanned from the file, while fetching
/// only part of the written blocks (a scan reads what its analyzers need), through throttling
/// the client retries.
/// </summary>
public sealed class EbsSnapshotScanTests
{
    [Fact]
    public async Task A_scan_through_ebs_direct_finds_what_a_scan_of_the_image_finds()
    {
        var image = DebianImages.Path("root-ext4.img");
        using var server = new FakeEbsServer(EbsTestBed.Keys);
        var snapshot = new FakeEbsSnapshot(EbsTestBed.SnapshotId, image);
        server.Add(snapshot);
        using var http = new HttpClient();
        var client = new EbsDirectClient(http, FakeEbsServer.Region, new Cloud.Aws.Signing.FixedCredentialSource(EbsTestBed.Keys),
            new EbsDirectOptions { Endpoint = server.Endpoint, MaxAttempts = 12, BaseBackoff = TimeSpan.FromMilliseconds(5) }, TimeProvider.System);
        server.Faults.ThrottleNextGetSnapshotBlock = 10;

        using var file = FileBlockDevice.Open(image);
        var direct = await ScanPipeline.RunAsync("image", [new ScanVolume("vol-root", file)], new ScanOptions());
        using var device = await EbsSnapshotBlockDevice.OpenAsync(client, EbsTestBed.SnapshotId, new BlockCache(128L * 1024 * 1024, EbsLimits.BlockSize));
        var viaEbs = await ScanPipeline.RunAsync("snapshot", [new ScanVolume("vol-root", device)], new ScanOptions());

        Assert.NotNull(viaEbs.Os);
        Assert.Equal(direct.Os?.VersionId, viaEbs.Os.VersionId);
        Assert.True(direct.Inventory.Packages.Count > 100, $"{direct.Inventory.Packages.Count} packages");
        Assert.Equal(
            direct.Inventory.Packages.Select(p => $"{p.Purl} {p.Package.Location}"),
            viaEbs.Inventory.Packages.Select(p => $"{p.Purl} {p.Package.Location}"));
        Assert.Equal(direct.Gaps.Select(g => $"{g.Where}: {g.Reason}"), viaEbs.Gaps.Select(g => $"{g.Where}: {g.Reason}"));
        Assert.Equal(device.Length, new FileInfo(image).Length);
        Assert.InRange(client.Counters.BlocksFetched, 1, snapshot.WrittenBlocks.Length - 1);
        // Read-ahead may still have a call in flight when the scan ends: fetched ≤ answered ≤ sent.
        Assert.InRange(server.GetSnapshotBlockCalls, client.Counters.BlocksFetched, client.Counters.GetSnapshotBlockCalls);
        Assert.Equal(10, client.Counters.ThrottledResponses);
        Assert.Equal(0, server.RejectedSignatures);
    }
}

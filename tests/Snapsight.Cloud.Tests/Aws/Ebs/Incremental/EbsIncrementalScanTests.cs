using Snapsight.Cloud.Aws.Ebs;
using Snapsight.Disk.Tests.Support;
using Snapsight.Scanning;

namespace Snapsight.Cloud.Tests.Aws.Ebs.Incremental;

/// <summary>
/// End to end on the real Debian 12 image (tests/images/build-debian-images): a first scan through
/// an incremental device fetches what the scan needs and caches it; a rescan of an unchanged volume
/// (a new snapshot of the same image) lists no change and fetches nothing, and finds the same packages.
/// </summary>
public sealed class EbsIncrementalScanTests : IDisposable
{
    private readonly IncrementalBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task Rescanning_an_unchanged_volume_fetches_no_block()
    {
        var image = DebianImages.Path("root-ext4.img");
        var (firstId, secondId) = (_bed.Serve(image), _bed.Serve(image));
        var store = _bed.Store();
        var client = _bed.Client(pageSize: 1000);

        var (first, firstReport) = await ScanAsync(client, store, firstId);
        store.Volume(IncrementalBed.VolumeId).Commit(firstId);
        var calls = _bed.Server.GetSnapshotBlockCalls;
        var (second, secondReport) = await ScanAsync(client, store, secondId);

        Assert.True(first.Inventory.Packages.Count > 100, $"{first.Inventory.Packages.Count} packages");
        Assert.Equal(first.Inventory.Packages.Select(p => p.Purl), second.Inventory.Packages.Select(p => p.Purl));
        Assert.InRange(firstReport.BlocksFetched, 1, firstReport.BlocksListed);
        Assert.Equal(0, secondReport.BlocksFetched);
        Assert.Equal(calls, _bed.Server.GetSnapshotBlockCalls);
        Assert.Equal(firstId, secondReport.IncrementalFrom);
        Assert.Equal(0, secondReport.ChangedBlocksListed);
        Assert.Equal(1, secondReport.ListChangedBlocksCalls);
        Assert.True(secondReport.BlocksFromCache > 0);
    }

    /// <summary>A scan without read-ahead, so that both read exactly the blocks the scan needs (read-ahead's reach depends on timing).</summary>
    private static async Task<(ScanResult Result, EbsReadReport Report)> ScanAsync(EbsDirectClient client, Cloud.Aws.Ebs.Incremental.EbsBlockStore store, string snapshotId)
    {
        using var device = await EbsSnapshotBlockDevice.OpenIncrementalAsync(
            client, store.Volume(IncrementalBed.VolumeId), snapshotId, IncrementalBed.MemoryCache(), readAheadBlocks: 0);
        var result = await ScanPipeline.RunAsync("snapshot", [new ScanVolume("vol-root", device)], new ScanOptions());
        return (result, device.Report());
    }
}

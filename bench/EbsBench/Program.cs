using System.Diagnostics;
using System.Globalization;
using Snapsight.Cloud.Aws.Ebs;
using Snapsight.Cloud.Aws.Ebs.Incremental;
using Snapsight.Cloud.Tests.Aws.Fake;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.Volumes;
using Snapsight.Inventory;

// Usage: EbsBench IMAGE WORK_DIR
// Serves IMAGE from the loopback EBS fake as two snapshots of one volume (the second an unchanged copy), with 20 ms
// added to every GetSnapshotBlock answer, and runs `snapsight inventory`'s path (DiskInspector, the tree it picks,
// InventoryCollector) on an EbsSnapshotBlockDevice four times:
//  1. parallel: the device's defaults (16 calls in flight, 32 blocks of read-ahead);
//  2. serial: one block at a time (one call in flight, no read-ahead), as Trivy reads;
//  3. incremental, first scan: as 1, through the block cache under WORK_DIR, which it fills; then committed;
//  4. incremental rescan of the unchanged copy: ListChangedBlocks from the first snapshot, blocks from the cache.
// Prints a line per scan on stderr, then on stdout
// "EBS parallel_s=… serial_s=… blocks=… serial_blocks=… first_s=… first_blocks=… rescan_s=… rescan_blocks=… rescan_from_cache=… packages=…".
const int LatencyMs = 20;
const string Volume = "vol-0e65be5c0a1b2c3d4";
const string FirstSnapshot = "snap-0e65be5c000000001";
const string CopySnapshot = "snap-0e65be5c000000002";

// The fake answers in this process: its waits must not queue behind the thread pool's slow growth.
ThreadPool.SetMinThreads(64, 64);
var image = Path.GetFullPath(args[0]);
var work = Path.GetFullPath(args[1]);
var keys = new Snapsight.Cloud.Aws.Signing.AwsCredentials("AKIAEBSBENCHFAKEKEY1", "bench/secret/for/the/loopback/ebs/fake", "FwoGZXIvYXdzEBENCHSESSIONTOKEN");
using var server = new FakeEbsServer(keys);
server.Add(new FakeEbsSnapshot(FirstSnapshot, image));
server.Add(new FakeEbsSnapshot(CopySnapshot, image));
using var http = new HttpClient();
var client = new EbsDirectClient(http, FakeEbsServer.Region, new Snapsight.Cloud.Aws.Signing.FixedCredentialSource(keys), new EbsDirectOptions { Endpoint = server.Endpoint }, TimeProvider.System);

// The JIT's first compilation of the inventory path and of the EBS reads (client, signing, fake) is paid here,
// before the latency is added, for none of the timed scans.
using (var warmUp = await EbsSnapshotBlockDevice.OpenAsync(client, FirstSnapshot, Memory()))
{
    await InventoryAsync(warmUp);
}

server.Faults.GetSnapshotBlockLatency = TimeSpan.FromMilliseconds(LatencyMs);
var parallel = await TimedAsync("parallel, read-ahead", () => EbsSnapshotBlockDevice.OpenAsync(client, FirstSnapshot, Memory()));
var serial = await TimedAsync("one block at a time", () => EbsSnapshotBlockDevice.OpenAsync(client, FirstSnapshot, Memory(), maxParallelReads: 1, readAheadBlocks: 0));
var store = EbsBlockStore.Open(new EbsBlockStoreOptions { Directory = Path.Combine(work, "block-cache") });
var first = await TimedAsync("incremental, first scan", () => EbsSnapshotBlockDevice.OpenIncrementalAsync(client, store.Volume(Volume), FirstSnapshot, Memory()));
store.Volume(Volume).Commit(FirstSnapshot);
var rescan = await TimedAsync("incremental rescan, unchanged", () => EbsSnapshotBlockDevice.OpenIncrementalAsync(client, store.Volume(Volume), CopySnapshot, Memory()));
if (new[] { serial, first, rescan }.Any(s => s.Packages != parallel.Packages))
{
    Console.Error.WriteLine($"EbsBench: the scans disagree: {parallel.Packages}, {serial.Packages}, {first.Packages} and {rescan.Packages} packages");
    return 1;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"EBS parallel_s={parallel.Seconds:F3} serial_s={serial.Seconds:F3} blocks={parallel.Report.BlocksFetched} serial_blocks={serial.Report.BlocksFetched} " +
    $"first_s={first.Seconds:F3} first_blocks={first.Report.BlocksFetched} rescan_s={rescan.Seconds:F3} rescan_blocks={rescan.Report.BlocksFetched} " +
    $"rescan_from_cache={rescan.Report.BlocksFromCache} packages={parallel.Packages}"));
return 0;

// A 256 MiB memory cache, as the scanner gives each volume.
static BlockCache Memory() => new(256L * 1024 * 1024, EbsLimits.BlockSize);

// Opens the device, runs the inventory on it and says what it took and fetched.
static async Task<(double Seconds, EbsReadReport Report, int Packages)> TimedAsync(string what, Func<Task<EbsSnapshotBlockDevice>> open)
{
    var clock = Stopwatch.StartNew();
    using var device = await open();
    var inventory = await InventoryAsync(device);
    var seconds = clock.Elapsed.TotalSeconds;
    var report = device.Report();
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{what}: {inventory.Packages.Count} packages in {seconds:F3}s; fetched {report.BlocksFetched} of {report.BlocksListed} written blocks " +
        $"({report.BytesFetched} bytes), {report.BlocksFromCache} from the block cache, {report.ListSnapshotBlocksCalls} ListSnapshotBlocks and " +
        $"{report.ListChangedBlocksCalls} ListChangedBlocks calls, est. ${report.EstimatedCostUsd:0.#######}"));
    return (seconds, report, inventory.Packages.Count);
}

// What `snapsight inventory IMAGE` does with an image: inspect the disk, take the root tree (or the only file system), collect.
static async Task<InventoryResult> InventoryAsync(IBlockDevice device)
{
    using var inspection = await DiskInspector.InspectAsync(device, "/dev/sda", assembleRoot: true);
    var tree = inspection.Assembly?.Tree ?? new FileTree(inspection.Volumes.Single(v => v.FileSystem is not null).FileSystem!);
    return await InventoryCollector.CollectAsync(tree);
}

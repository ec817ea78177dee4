using System.Diagnostics;
using System.Globalization;
using Snapsight.AwsFake;
using Snapsight.Bench;
using Snapsight.Cloud.Aws.Ebs;
using Snapsight.Cloud.Aws.Ebs.Incremental;
using Snapsight.Compliance.Content;
using Snapsight.Disk.BlockDevices;
using Snapsight.Scanning;

// Usage: EbsBench IMAGE WORK_DIR ADVISORIES_DB [--trace]
// Serves IMAGE from the loopback EBS fake as two snapshots of one volume (the second an unchanged copy), with 20 ms
// added to every GetSnapshotBlock answer, and runs the scan the server runs on a snapshot (ScanPipeline on the volume:
// disk layout, inventory, matching against ADVISORIES_DB, the `standard` compliance profile of ssg-debian11) on an
// EbsSnapshotBlockDevice four times:
//  1. parallel: the device's defaults (16 calls in flight, 8 blocks of read-ahead, prefetch hints honoured);
//  2. serial: one block at a time (one call in flight, no read-ahead, no prefetch), as Trivy reads;
//  3. incremental, first scan: as 1, through the block cache under WORK_DIR, which it fills; then committed;
//  4. incremental rescan of the unchanged copy: ListChangedBlocks from the first snapshot, blocks from the cache.
// Prints a line per scan on stderr (with the blocks fetched in each stage of the scan), then on stdout
// "EBS parallel_s=… serial_s=… blocks=… serial_blocks=… first_s=… first_blocks=… rescan_s=… rescan_blocks=… rescan_from_cache=… packages=… findings=… rules=…".
// --trace also prints each block as a read of the scan first touches it (BlockOrderTrace).
// Exits 1 when the four scans' results differ (packages, findings, rule outcomes).
const int LatencyMs = 20;
const string Volume = "vol-0e65be5c0a1b2c3d4";
const string FirstSnapshot = "snap-0e65be5c000000001";
const string CopySnapshot = "snap-0e65be5c000000002";

// The fake answers in this process: its waits must not queue behind the thread pool's slow growth.
ThreadPool.SetMinThreads(64, 64);
var image = Path.GetFullPath(args[0]);
var work = Path.GetFullPath(args[1]);
var trace = args.Length > 3 && args[3] == "--trace";
// The server's `standard` profile, from the Debian 11 content: no SCAP Security Guide package has Debian 12 content
// (the server would skip compliance on this image with a gap), and Debian 11's reads the same kinds of files.
var compliance = new ComplianceRequest("standard") { Content = ComplianceContent.Read(Path.Combine(SecurityGuideContent.DefaultDirectory, "ssg-debian11-ds.xml")) };
var options = new ScanOptions { AdvisoryStorePath = Path.GetFullPath(args[2]), Compliance = compliance };
var keys = new Snapsight.Cloud.Aws.Signing.AwsCredentials("AKIAEBSBENCHFAKEKEY1", "bench/secret/for/the/loopback/ebs/fake", "FwoGZXIvYXdzEBENCHSESSIONTOKEN");
using var server = new FakeEbsServer(keys);
server.Add(new FakeEbsSnapshot(FirstSnapshot, image));
server.Add(new FakeEbsSnapshot(CopySnapshot, image));
using var http = new HttpClient();
var client = new EbsDirectClient(http, FakeEbsServer.Region, new Snapsight.Cloud.Aws.Signing.FixedCredentialSource(keys), new EbsDirectOptions { Endpoint = server.Endpoint }, TimeProvider.System);

// The JIT's first compilation of the scan path and of the EBS reads (client, signing, fake) is paid here,
// before the latency is added, for none of the timed scans.
using (var warmUp = await EbsSnapshotBlockDevice.OpenAsync(client, FirstSnapshot, Memory()))
{
    await ScanPipeline.RunAsync(Volume, [new ScanVolume(Volume, warmUp)], options);
}

server.Faults.GetSnapshotBlockLatency = TimeSpan.FromMilliseconds(LatencyMs);
var parallel = await TimedAsync("parallel, read-ahead", () => EbsSnapshotBlockDevice.OpenAsync(client, FirstSnapshot, Memory()));
var serial = await TimedAsync("one block at a time", () => EbsSnapshotBlockDevice.OpenAsync(client, FirstSnapshot, Memory(), maxParallelReads: 1, readAheadBlocks: 0));
var store = EbsBlockStore.Open(new EbsBlockStoreOptions { Directory = Path.Combine(work, "block-cache") });
var first = await TimedAsync("incremental, first scan", () => EbsSnapshotBlockDevice.OpenIncrementalAsync(client, store.Volume(Volume), FirstSnapshot, Memory()));
store.Volume(Volume).Commit(FirstSnapshot);
var rescan = await TimedAsync("incremental rescan, unchanged", () => EbsSnapshotBlockDevice.OpenIncrementalAsync(client, store.Volume(Volume), CopySnapshot, Memory()));
if (new[] { serial, first, rescan }.Any(s => s.Outcome != parallel.Outcome))
{
    Console.Error.WriteLine("EbsBench: the scans disagree:\n" + string.Join("\n", new[] { parallel, serial, first, rescan }.Select(s => s.Outcome)));
    return 1;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"EBS parallel_s={parallel.Seconds:F3} serial_s={serial.Seconds:F3} blocks={parallel.Report.BlocksFetched} serial_blocks={serial.Report.BlocksFetched} " +
    $"first_s={first.Seconds:F3} first_blocks={first.Report.BlocksFetched} rescan_s={rescan.Seconds:F3} rescan_blocks={rescan.Report.BlocksFetched} " +
    $"rescan_from_cache={rescan.Report.BlocksFromCache} {parallel.Outcome}"));
return 0;

// A 256 MiB memory cache, as the scanner gives each volume.
static BlockCache Memory() => new(256L * 1024 * 1024, EbsLimits.BlockSize);

// Opens the device, scans it as the server does and says what it took and fetched, stage by stage.
async Task<(double Seconds, EbsReadReport Report, string Outcome)> TimedAsync(string what, Func<Task<EbsSnapshotBlockDevice>> open)
{
    var clock = Stopwatch.StartNew();
    using var device = await open();
    var stages = new StageCounter(() => device.Report().BlocksFetched + device.Report().BlocksFromCache, clock);
    var result = await ScanPipeline.RunAsync(Volume, [new ScanVolume(Volume, trace ? new BlockOrderTrace(device, clock) : device)], options with { Progress = stages });
    var seconds = clock.Elapsed.TotalSeconds;
    var report = device.Report();
    var outcome = string.Create(CultureInfo.InvariantCulture,
        $"packages={result.Inventory.Packages.Count} findings={result.Findings.Count} rules={result.Compliance?.Assessment.Selected.Count() ?? 0} " +
        $"fingerprint={Fingerprint(result)}");
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{what}: {outcome} in {seconds:F3}s; fetched {report.BlocksFetched} of {report.BlocksListed} written blocks " +
        $"({report.BytesFetched} bytes), {report.BlocksFromCache} from the block cache, {report.ListSnapshotBlocksCalls} ListSnapshotBlocks and " +
        $"{report.ListChangedBlocksCalls} ListChangedBlocks calls, est. ${report.EstimatedCostUsd:0.#######}; blocks by stage: {stages}"));
    return (seconds, report, outcome);
}

// What the scans must agree on: every package, finding and rule outcome (with its evidence), hashed.
static string Fingerprint(ScanResult result)
{
    var lines = result.Inventory.Packages.Select(p => $"package {p.Purl}")
        .Concat(result.Findings.Select(f => $"finding {f.Id} {f.Package.Purl} {f.FixedVersion} {f.Status}"))
        .Concat((result.Compliance?.Assessment.Rules ?? []).Select(r => $"rule {r.Rule.Id} {r.Result} {r.Reason} {string.Join('|', r.Evidence)}"));
    return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines))))[..16];
}

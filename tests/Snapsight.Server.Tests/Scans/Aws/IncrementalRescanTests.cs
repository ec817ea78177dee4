using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Cloud;
using Snapsight.Cloud.Aws.Ebs;
using Snapsight.Control.Persistence;
using Snapsight.Control.Results;
using Snapsight.Control.Scans;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Server.Tests.Scans.Aws;

/// <summary>
/// Incremental rescans through the whole workflow on the AWS fake, with the real scanner on a real
/// Debian 12 image: each successful run keeps its snapshot (tagged kept) and commits its blocks; the
/// next run lists the changes against it and fetches only changed blocks. Counts are checked against
/// the fake's own count of GetSnapshotBlock calls, and the changed blocks against the image files.
/// No run may need a permission the templates do not grant (the fake's denials stay empty).
/// </summary>
public sealed class IncrementalRescanTests
{
    private static readonly FixtureScript DebianImages = new("build-debian-images");

    private static string RootImage => Path.Combine(DebianImages.Folder, "root-ext4.img");

    [Fact]
    public async Task A_rescan_of_an_unchanged_machine_fetches_under_one_percent_of_the_first_scans_blocks_and_keeps_only_the_latest_snapshot()
    {
        await using var world = await AwsScanWorld.CreateAsync();
        var (_, assetId) = await world.AddInstanceAsync(RootImage, "debian");

        var (first, firstStored, firstCalls) = await ScanCountingAsync(world, assetId);
        var (second, secondStored, secondCalls) = await ScanCountingAsync(world, assetId);

        Assert.Equal(ScanRunState.Done, first.State);
        Assert.Equal(ScanRunState.Done, second.State);
        Assert.True(firstStored.BlocksFetched >= 10, $"the first scan fetched {firstStored.BlocksFetched} blocks");
        Assert.Equal(firstCalls, firstStored.BlocksFetched);
        Assert.Equal(secondCalls, secondStored.BlocksFetched);
        Assert.True(secondStored.BlocksFetched * 100 < firstStored.BlocksFetched,
            $"the rescan fetched {secondStored.BlocksFetched} blocks, the first scan {firstStored.BlocksFetched}");
        Assert.True(secondStored.BlocksFromCache > 0);
        Assert.Equal(1, secondStored.IncrementalSnapshots);
        Assert.Equal(0, firstStored.IncrementalSnapshots);
        Assert.Equal(secondStored.BlocksFetched * (long)EbsLimits.BlockSize, secondStored.BytesFetched);
        Assert.Equal(EbsPricing.Default.Cost(firstStored.BlocksFetched, firstStored.ListCalls), firstStored.EstimatedCostUsd);
        Assert.Equal(firstStored.PackageCount, secondStored.PackageCount);

        // Only the latest scan's snapshot is left, tagged kept, with its expiry moved past the run's.
        var left = Assert.Single(world.Snapshots());
        Assert.Equal(second.SnapshotIds, [left.Id]);
        Assert.Equal(SnapshotTags.KeptValue, left.Tags[SnapshotTags.Kept]);
        Assert.Empty(world.Cloud.Denials);
    }

    [Fact]
    public async Task A_rescan_of_a_changed_machine_fetches_only_changed_blocks_and_finds_the_package_added()
    {
        await using var world = await AwsScanWorld.CreateAsync();
        var (instance, assetId) = await world.AddInstanceAsync(RootImage, "debian");
        var (first, firstStored, _) = await ScanCountingAsync(world, assetId);
        var firstPackages = await PackagesAsync(world, first.Id);

        var volume = instance.Volumes[0].ImagePath;
        var before = BlockHashes(volume);
        DebianVolume.AddPackage(volume, "snapsight-canary", "1.2.3-1");
        var changed = BlockHashes(volume).Where((hash, i) => i >= before.Count || hash != before[i]).Count();

        var (second, secondStored, secondCalls) = await ScanCountingAsync(world, assetId);

        Assert.Equal(ScanRunState.Done, second.State);
        Assert.Equal(["snapsight-canary 1.2.3-1"], (await PackagesAsync(world, second.Id)).Except(firstPackages));
        Assert.Empty(firstPackages.Except(await PackagesAsync(world, second.Id)));
        Assert.Equal(secondCalls, secondStored.BlocksFetched);
        Assert.InRange(secondStored.BlocksFetched, 1, changed);
        Assert.True(secondStored.BlocksFetched < firstStored.BlocksFetched);
        Assert.Equal(1, secondStored.IncrementalSnapshots);
        Assert.Empty(world.Cloud.Denials);
    }

    [Fact]
    public async Task A_failed_scan_keeps_the_previous_kept_snapshot_and_its_cache_and_the_next_scan_reads_from_them()
    {
        await using var world = await AwsScanWorld.CreateAsync();
        var (_, assetId) = await world.AddInstanceAsync(RootImage, "debian");
        var (first, firstStored, _) = await ScanCountingAsync(world, assetId);

        world.FailScans = true;
        var failed = await world.ScanAsync(assetId);
        world.FailScans = false;

        Assert.Equal(ScanRunState.Failed, failed.State);
        Assert.Equal(ScanReasons.ScanFailed, failed.ReasonCode);
        var left = Assert.Single(world.Snapshots());
        Assert.Equal(first.SnapshotIds, [left.Id]);

        // After a failed scan the previous kept snapshot is still the baseline, and its cached blocks are whole.
        var (third, thirdStored, thirdCalls) = await ScanCountingAsync(world, assetId);
        Assert.Equal(ScanRunState.Done, third.State);
        Assert.Equal(thirdCalls, thirdStored.BlocksFetched);
        Assert.True(thirdStored.BlocksFetched * 100 < firstStored.BlocksFetched, $"{thirdStored.BlocksFetched} blocks fetched after the failed scan");
        Assert.Equal(third.SnapshotIds, world.Snapshots().Select(s => s.Id));
        Assert.Empty(world.Cloud.Denials);
    }

    /// <summary>A scan, its stored run, and how many GetSnapshotBlock calls the fake served meanwhile.</summary>
    private static async Task<(ScanRun Run, StoredRun Stored, long Calls)> ScanCountingAsync(AwsScanWorld world, Guid assetId)
    {
        var calls = world.Cloud.Ebs.GetSnapshotBlockCalls;
        var run = await world.ScanAsync(assetId);
        Assert.True(run.State == ScanRunState.Done, $"the run ended {run.State}: {run.ReasonCode} {run.LastError}");
        return (run, await world.StoredRunAsync(run.Id), world.Cloud.Ebs.GetSnapshotBlockCalls - calls);
    }

    private static async Task<List<string>> PackagesAsync(AwsScanWorld world, Guid runId)
    {
        await using var tenant = world.Tenant();
        var db = tenant.ServiceProvider.GetRequiredService<ControlDbContext>();
        return [.. (await db.StoredPackages.AsNoTracking().Where(p => p.RunId == runId && p.Type == "dpkg")
            .Select(p => p.Name + " " + p.Version).ToListAsync()).Order(StringComparer.Ordinal)];
    }

    /// <summary>The SHA-256 of each 512 KiB block of the file (EBS's block size), read straight from disk.</summary>
    private static List<string> BlockHashes(string path)
    {
        using var file = File.OpenRead(path);
        var hashes = new List<string>();
        var block = new byte[EbsLimits.BlockSize];
        int n;
        while ((n = file.ReadAtLeast(block, block.Length, throwOnEndOfStream: false)) > 0)
        {
            hashes.Add(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(block.AsSpan(0, n))));
        }

        return hashes;
    }
}

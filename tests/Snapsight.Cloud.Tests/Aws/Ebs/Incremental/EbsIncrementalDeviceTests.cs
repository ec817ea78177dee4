using CsCheck;
using Snapsight.AwsFake;
using Snapsight.Cloud.Aws.Ebs;
using Snapsight.Cloud.Aws.Ebs.Incremental;

namespace Snapsight.Cloud.Tests.Aws.Ebs.Incremental;

/// <summary>
/// An incremental read of a snapshot gives the bytes a full read gives, whatever changed since the
/// last scanned snapshot and whatever happened to the cache on disk; on a warm, intact cache it
/// fetches exactly the blocks that changed. The changes and the expected bytes come from the image
/// files (<see cref="SparseImage"/>), not from the fake.
/// </summary>
public sealed class EbsIncrementalDeviceTests : IDisposable
{
    // The blocks the properties play with: the first 48 of the 1 GiB volume.
    private const int Region = 48;

    private static readonly Gen<HashSet<long>> Blocks = Gen.Long[0, Region - 1].HashSet[0, 24];

    private readonly IncrementalBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task An_incremental_read_returns_what_a_full_read_returns_with_the_cache_corrupted_at_random()
    {
        var corruption = Gen.Select(Gen.Long[0, Region - 1], Gen.Enum<Corruption>()).List[0, 12];
        await Gen.Select(Blocks, Blocks, Blocks, corruption, Gen.Int).SampleAsync(async (written, rewritten, erased, damage, seed) =>
        {
            using var scanned = await ScannedAsync(written, rewritten, erased, seed);
            var (_, second, firstId, secondId, store, client) = scanned;
            foreach (var (block, how) in damage)
            {
                Damage(store, firstId, block, how);
            }

            using var incremental = await EbsSnapshotBlockDevice.OpenIncrementalAsync(client, store.Volume(IncrementalBed.VolumeId), secondId, IncrementalBed.MemoryCache());
            using var full = await EbsSnapshotBlockDevice.OpenAsync(client, secondId, IncrementalBed.MemoryCache());
            var read = await IncrementalBed.ReadAsync(incremental, Region);

            Assert.Equal(await IncrementalBed.ReadAsync(full, Region), read);
            Assert.Equal(second.Read(0, read.Length), read);
            var report = incremental.Report();
            Assert.Equal(firstId, report.IncrementalFrom);
            Assert.Equal(second.Written.Length, report.BlocksFetched + report.BlocksFromCache);
        }, iter: 25, threads: 1);
        Assert.Equal(0, _bed.Server.RejectedSignatures);
    }

    [Fact]
    public async Task On_a_warm_cache_exactly_the_changed_blocks_are_fetched()
    {
        await Gen.Select(Blocks, Blocks, Blocks, Gen.Int).SampleAsync(async (written, rewritten, erased, seed) =>
        {
            using var scanned = await ScannedAsync(written, rewritten, erased, seed);
            var (first, second, _, secondId, store, client) = scanned;
            var changed = Changed(first, second);
            var callsBefore = _bed.Server.GetSnapshotBlockCalls;

            using var device = await EbsSnapshotBlockDevice.OpenIncrementalAsync(client, store.Volume(IncrementalBed.VolumeId), secondId, IncrementalBed.MemoryCache());
            await IncrementalBed.ReadAsync(device, Region);

            var report = device.Report();
            Assert.Equal(changed, report.BlocksFetched);
            Assert.Equal(changed, _bed.Server.GetSnapshotBlockCalls - callsBefore);
            Assert.Equal(second.Written.Length - changed, report.BlocksFromCache);
            Assert.Equal(0, report.CacheEntriesRejected);
        }, iter: 25, threads: 1);
    }

    [Fact]
    public async Task A_read_never_committed_as_after_a_failed_scan_leaves_the_last_scanned_snapshots_cache_whole()
    {
        await Gen.Select(Blocks, Blocks, Blocks, Gen.Int).SampleAsync(async (written, rewritten, erased, seed) =>
        {
            using var scanned = await ScannedAsync(written, rewritten, erased, seed);
            var (first, second, _, secondId, store, client) = scanned;
            var changed = Changed(first, second);
            using (var failed = await EbsSnapshotBlockDevice.OpenIncrementalAsync(client, store.Volume(IncrementalBed.VolumeId), secondId, IncrementalBed.MemoryCache()))
            {
                await IncrementalBed.ReadAsync(failed, Region);
            }

            // The next scan, of another snapshot with the same bytes, still reads against the last committed one.
            var thirdId = _bed.Serve(second);
            using var device = await EbsSnapshotBlockDevice.OpenIncrementalAsync(client, store.Volume(IncrementalBed.VolumeId), thirdId, IncrementalBed.MemoryCache());
            Assert.Equal(second.Read(0, Region * EbsLimits.BlockSize), await IncrementalBed.ReadAsync(device, Region));
            Assert.Equal(changed, device.Report().BlocksFetched);
        }, iter: 15, threads: 1);
    }

    [Fact]
    public async Task The_changes_are_listed_page_by_page()
    {
        // 300 of 400 blocks rewritten: the changes come in three pages of 100, the written blocks in four.
        var written = Enumerable.Range(0, 400).Select(i => (long)i * 3).ToList();
        using var first = _bed.Image(written, seed: 1);
        using var second = first.Change(_bed.NewFile(), written.Take(300), [], seed: 2);
        var (firstId, secondId) = (_bed.Serve(first), _bed.Serve(second));
        var store = _bed.Store();
        var client = _bed.Client(pageSize: 100);
        await ScanAsync(client, store, firstId, blocks: 1200);

        using var device = await EbsSnapshotBlockDevice.OpenIncrementalAsync(client, store.Volume(IncrementalBed.VolumeId), secondId, IncrementalBed.MemoryCache());
        Assert.Equal(second.Read(0, 1200 * EbsLimits.BlockSize), await IncrementalBed.ReadAsync(device, 1200));

        var report = device.Report();
        Assert.Equal(300, report.ChangedBlocksListed);
        Assert.Equal(3, report.ListChangedBlocksCalls);
        Assert.Equal(4, report.ListSnapshotBlocksCalls);
        Assert.Equal(300, report.BlocksFetched);
        Assert.Equal(100, report.BlocksFromCache);
    }

    [Fact]
    public async Task A_last_scanned_snapshot_the_service_no_longer_has_means_a_full_read_that_says_why()
    {
        using var image = _bed.Image([1, 2, 3], seed: 4);
        var store = _bed.Store();
        var volume = store.Volume(IncrementalBed.VolumeId);
        volume.Commit("snap-0fffffffffffffff0");
        var id = _bed.Serve(image);

        using var device = await EbsSnapshotBlockDevice.OpenIncrementalAsync(_bed.Client(), store.Volume(IncrementalBed.VolumeId), id, IncrementalBed.MemoryCache());
        Assert.Equal(image.Read(0, 8 * EbsLimits.BlockSize), await IncrementalBed.ReadAsync(device, 8));

        var report = device.Report();
        Assert.Null(report.IncrementalFrom);
        Assert.Contains("snap-0fffffffffffffff0", report.FullReadReason, StringComparison.Ordinal);
        Assert.Contains("ResourceNotFoundException", report.FullReadReason, StringComparison.Ordinal);
        Assert.Equal(3, report.BlocksFetched);
    }

    [Fact]
    public async Task The_report_prices_the_calls_made()
    {
        using var image = _bed.Image([0, 5, 9, 10], seed: 5);
        var id = _bed.Serve(image);
        using var device = await EbsSnapshotBlockDevice.OpenAsync(_bed.Client(), id, IncrementalBed.MemoryCache());
        await IncrementalBed.ReadAsync(device, 12);

        var report = device.Report(new EbsPricing { GetSnapshotBlockPerThousand = 3m, ListPerThousand = 1000m });

        // 4 blocks at $0.003 each and one list call at $1.
        Assert.Equal(4, report.BlocksFetched);
        Assert.Equal(4 * EbsLimits.BlockSize, report.BytesFetched);
        Assert.Equal(12 * EbsLimits.BlockSize, report.BytesRead);
        Assert.Equal(1.012m, report.EstimatedCostUsd);
        Assert.Equal(0.000012m + 0.0000006m, device.Report().EstimatedCostUsd);
    }

    /// <summary>Changed blocks: written in the second snapshot with other bytes than the first had there.</summary>
    private static int Changed(SparseImage first, SparseImage second) =>
        second.Written.Count(b => !first.Read(b * EbsLimits.BlockSize, EbsLimits.BlockSize).AsSpan()
            .SequenceEqual(second.Read(b * EbsLimits.BlockSize, EbsLimits.BlockSize)));

    /// <summary>Two snapshots of a volume, the second changed from the first, and a store holding the first one's scan.</summary>
    private async Task<Scanned> ScannedAsync(HashSet<long> written, HashSet<long> rewritten, HashSet<long> erased, int seed)
    {
        var first = _bed.Image(written, seed);
        var second = first.Change(_bed.NewFile(), rewritten, erased, seed + 1);
        var (firstId, secondId) = (_bed.Serve(first), _bed.Serve(second));
        var store = _bed.Store();
        var client = _bed.Client();
        await ScanAsync(client, store, firstId);
        return new Scanned(first, second, firstId, secondId, store, client);
    }

    /// <summary>A first scan: every block of the region read through an incremental device, then committed.</summary>
    private static async Task ScanAsync(EbsDirectClient client, EbsBlockStore store, string snapshotId, int blocks = Region)
    {
        var volume = store.Volume(IncrementalBed.VolumeId);
        using (var device = await EbsSnapshotBlockDevice.OpenIncrementalAsync(client, volume, snapshotId, IncrementalBed.MemoryCache()))
        {
            await IncrementalBed.ReadAsync(device, blocks);
        }

        volume.Commit(snapshotId);
    }

    private static void Damage(EbsBlockStore store, string snapshotId, long block, Corruption how)
    {
        var path = Path.Combine(store.Options.Directory, IncrementalBed.VolumeId, snapshotId, $"{block}.blk");
        if (!File.Exists(path))
        {
            return;
        }

        // A block may be damaged twice: each kind works on whatever the file holds by then.
        var bytes = File.ReadAllBytes(path);
        switch (how)
        {
            case Corruption.FlipDataByte when bytes.Length > EbsCacheEntry.HeaderSize:
                bytes[EbsCacheEntry.HeaderSize + (int)(block * 7919 % (bytes.Length - EbsCacheEntry.HeaderSize))] ^= 0x40;
                File.WriteAllBytes(path, bytes);
                break;
            case Corruption.FlipHeaderByte when bytes.Length > 0:
                bytes[(int)(block % Math.Min(EbsCacheEntry.HeaderSize, bytes.Length))] ^= 0x01;
                File.WriteAllBytes(path, bytes);
                break;
            case Corruption.Truncate:
                File.WriteAllBytes(path, bytes[..(int)(block * 4099 % Math.Max(1, bytes.Length))]);
                break;
            case Corruption.Delete:
                File.Delete(path);
                break;
            case Corruption.OtherBlocksEntry:
                // A whole, valid entry of another block put in this one's place.
                var other = Directory.GetFiles(Path.GetDirectoryName(path)!, "*.blk").FirstOrDefault(p => p != path);
                if (other is not null)
                {
                    File.Copy(other, path, overwrite: true);
                }

                break;
        }
    }

    private sealed record Scanned(SparseImage First, SparseImage Second, string FirstId, string SecondId, EbsBlockStore Store, EbsDirectClient Client) : IDisposable
    {
        public void Dispose()
        {
            First.Dispose();
            Second.Dispose();
        }
    }

    public enum Corruption
    {
        FlipDataByte,
        FlipHeaderByte,
        Truncate,
        Delete,
        OtherBlocksEntry,
    }
}

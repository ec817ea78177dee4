using Snapsight.Cloud.Aws.Ebs;
using Snapsight.Cloud.Aws.Ebs.Incremental;

namespace Snapsight.Cloud.Tests.Aws.Ebs.Incremental;

/// <summary>
/// The block cache on disk: bounded, least recently used out first, indexed again when reopened;
/// the manifest's last scanned snapshot and the retention limit; a manifest that cannot be used
/// means a full read, never a wrong one.
/// </summary>
public sealed class EbsBlockStoreTests : IDisposable
{
    private const string Volume = IncrementalBed.VolumeId;
    private const string Snapshot = "snap-0123456789abcdef0";

    private readonly IncrementalBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task Past_its_bound_the_least_recently_used_blocks_are_evicted()
    {
        var store = _bed.Store(maxBytes: 3L * EbsCacheEntry.Size);
        await store.WriteAsync(Volume, Snapshot, 0, Block(0), CancellationToken.None);
        await store.WriteAsync(Volume, Snapshot, 1, Block(1), CancellationToken.None);
        await store.WriteAsync(Volume, Snapshot, 2, Block(2), CancellationToken.None);
        // Block 0 used again: block 1 is now the least recently used.
        Assert.Equal(EbsCacheLookup.Hit, await Read(store, 0));

        await store.WriteAsync(Volume, Snapshot, 3, Block(3), CancellationToken.None);

        Assert.Equal(3L * EbsCacheEntry.Size, store.Bytes);
        Assert.Equal(EbsCacheLookup.Missing, await Read(store, 1));
        Assert.Equal([0, 2, 3], Files(store));
        foreach (var kept in new long[] { 0, 2, 3 })
        {
            var destination = new byte[EbsLimits.BlockSize];
            Assert.Equal(EbsCacheLookup.Hit, await store.TryReadAsync(Volume, Snapshot, kept, destination, CancellationToken.None));
            Assert.Equal(Block(kept), destination);
        }
    }

    [Fact]
    public async Task Reopened_it_finds_its_entries_and_deletes_what_is_not_one()
    {
        var options = _bed.Store().Options;
        var store = EbsBlockStore.Open(options);
        await store.WriteAsync(Volume, Snapshot, 7, Block(7), CancellationToken.None);
        var leftover = Path.Combine(options.Directory, Volume, Snapshot, "8.blk.5f2c.tmp");
        File.WriteAllBytes(leftover, [1, 2, 3]);

        var reopened = EbsBlockStore.Open(options);

        Assert.Equal(EbsCacheEntry.Size, reopened.Bytes);
        Assert.Equal(EbsCacheLookup.Hit, await Read(reopened, 7));
        Assert.False(File.Exists(leftover));
    }

    [Fact]
    public void Past_the_retention_limit_the_oldest_snapshots_are_named_for_deletion()
    {
        var volume = _bed.Store(keptSnapshots: 2).Volume(Volume);

        var first = volume.Commit("snap-00000001");
        var second = volume.Commit("snap-00000002");
        var third = volume.Commit("snap-00000003");

        Assert.Equal((Volume, "snap-00000001"), (first.VolumeId, first.LastScanned));
        Assert.Equal(["snap-00000001"], first.Kept);
        Assert.Empty(first.ToDelete);
        Assert.Equal(["snap-00000002", "snap-00000001"], second.Kept);
        Assert.Empty(second.ToDelete);
        Assert.Equal("snap-00000003", third.LastScanned);
        Assert.Equal(["snap-00000003", "snap-00000002"], third.Kept);
        Assert.Equal(["snap-00000001"], third.ToDelete);
    }

    [Fact]
    public async Task A_commit_keeps_only_the_blocks_of_the_snapshot_it_records_and_survives_a_restart()
    {
        var store = _bed.Store();
        await store.WriteAsync(Volume, "snap-00000001", 1, Block(1), CancellationToken.None);
        await store.WriteAsync(Volume, "snap-00000002", 2, Block(2), CancellationToken.None);

        store.Volume(Volume).Commit("snap-00000002");
        var reopened = EbsBlockStore.Open(store.Options);

        Assert.Equal("snap-00000002", reopened.Volume(Volume).LastScannedSnapshotId);
        Assert.Equal(EbsCacheEntry.Size, reopened.Bytes);
        Assert.False(Directory.Exists(Path.Combine(store.Options.Directory, Volume, "snap-00000001")));
    }

    [Theory]
    [InlineData("{", "not the expected JSON")]
    [InlineData("{\"Version\":2,\"VolumeId\":\"vol-0123456789abcdef0\",\"LastScanned\":\"snap-00000001\",\"Kept\":[\"snap-00000001\"]}", "not a version-1 manifest")]
    [InlineData("{\"Version\":1,\"VolumeId\":\"vol-0fedcba987654321f\",\"LastScanned\":\"snap-00000001\",\"Kept\":[\"snap-00000001\"]}", "not a version-1 manifest of this volume")]
    [InlineData("{\"Version\":1,\"VolumeId\":\"vol-0123456789abcdef0\",\"LastScanned\":\"../../etc\",\"Kept\":[\"../../etc\"]}", "snapshot ids are malformed")]
    [InlineData("{\"Version\":1,\"VolumeId\":\"vol-0123456789abcdef0\",\"LastScanned\":\"snap-00000001\",\"Kept\":[\"snap-00000002\"]}", "snapshot ids are malformed")]
    [InlineData("{\"Version\":1,\"Version\":1}", "not the expected JSON")]
    public void A_manifest_that_cannot_be_used_means_no_last_scan_and_says_why(string manifest, string named)
    {
        var store = _bed.Store();
        Directory.CreateDirectory(Path.Combine(store.Options.Directory, Volume));
        File.WriteAllText(Path.Combine(store.Options.Directory, Volume, "manifest.json"), manifest);

        var volume = store.Volume(Volume);

        Assert.Null(volume.LastScannedSnapshotId);
        Assert.Contains(named, volume.ManifestProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_manifest_is_not_read()
    {
        var store = _bed.Store();
        Directory.CreateDirectory(Path.Combine(store.Options.Directory, Volume));
        File.WriteAllText(Path.Combine(store.Options.Directory, Volume, "manifest.json"), "[" + new string(' ', 1 << 20));

        Assert.Contains("over 65536", store.Volume(Volume).ManifestProblem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vol-../../x")]
    [InlineData("snap-00000001")]
    [InlineData("")]
    public void Only_volume_ids_name_a_volumes_folder(string volumeId) =>
        Assert.Throws<ArgumentException>(() => _bed.Store().Volume(volumeId));

    private static Task<EbsCacheLookup> Read(EbsBlockStore store, long index) =>
        store.TryReadAsync(Volume, Snapshot, index, new byte[EbsLimits.BlockSize], CancellationToken.None);

    private static long[] Files(EbsBlockStore store) =>
        [.. Directory.GetFiles(Path.Combine(store.Options.Directory, Volume, Snapshot)).Select(f => long.Parse(Path.GetFileNameWithoutExtension(f), System.Globalization.CultureInfo.InvariantCulture)).Order()];

    private static byte[] Block(long index)
    {
        var block = new byte[EbsLimits.BlockSize];
        new Random((int)index).NextBytes(block);
        return block;
    }
}

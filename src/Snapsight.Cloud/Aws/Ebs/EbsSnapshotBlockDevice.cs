using Snapsight.Disk.BlockDevices;

namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>
/// A completed EBS snapshot read block by block with the EBS direct APIs, as the volume it copies.
/// Its written blocks are listed once on opening; a read that touches only unwritten blocks is
/// answered with zeros at once, any other goes through the shared <see cref="BlockCache"/> (512 KiB
/// blocks), whose device fetches missing blocks in parallel and reads ahead of sequential readers.
/// <see cref="Statistics"/> counts what callers read; the client's counters what was fetched.
/// </summary>
public sealed class EbsSnapshotBlockDevice : IBlockDevice
{
    private readonly EbsBlockMap _map;
    private readonly EbsBlockFetcher _fetcher;
    private readonly CachedBlockDevice _cached;

    private EbsSnapshotBlockDevice(EbsBlockMap map, EbsBlockFetcher fetcher, CachedBlockDevice cached)
    {
        _map = map;
        _fetcher = fetcher;
        _cached = cached;
    }

    public long Length => _map.VolumeSizeBytes;

    public int BlockSize => EbsLimits.BlockSize;

    public ReadStatistics Statistics { get; } = new();

    /// <summary>The snapshot's written blocks.</summary>
    public EbsBlockMap Blocks => _map;

    /// <summary>
    /// Lists the written blocks of <paramref name="snapshotId"/> and opens it. The cache's blocks
    /// must be EBS blocks (512 KiB), so that each cache miss is one GetSnapshotBlock call.
    /// </summary>
    /// <param name="maxParallelReads">GetSnapshotBlock calls in flight at once for this device (1 to 64).</param>
    /// <param name="readAheadBlocks">Blocks fetched ahead of a sequential reader (0 reads one block at a time).</param>
    public static async Task<EbsSnapshotBlockDevice> OpenAsync(
        EbsDirectClient client, string snapshotId, BlockCache cache, int maxParallelReads = 16, int readAheadBlocks = 32,
        CancellationToken cancellationToken = default)
    {
        if (cache.BlockSize != EbsLimits.BlockSize)
        {
            throw new ArgumentException($"the cache holds {cache.BlockSize}-byte blocks; EBS snapshots need {EbsLimits.BlockSize}-byte ones", nameof(cache));
        }

        var map = await EbsBlockMap.ListAsync(client, snapshotId, cancellationToken).ConfigureAwait(false);
        var fetcher = new EbsBlockFetcher(client, map);
        return new EbsSnapshotBlockDevice(map, fetcher, new CachedBlockDevice(fetcher, cache, maxParallelReads, readAheadBlocks));
    }

    public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var length = this.ClampToLength(offset, buffer.Length);
        if (length == 0)
        {
            return 0;
        }

        if (!_map.AnyWritten(offset / EbsLimits.BlockSize, (offset + length - 1) / EbsLimits.BlockSize))
        {
            buffer.Span[..length].Clear();
        }
        else
        {
            length = await _cached.ReadAsync(offset, buffer[..length], cancellationToken).ConfigureAwait(false);
        }

        Statistics.Record(length);
        return length;
    }

    public void Dispose()
    {
        _cached.Dispose();
        _fetcher.Dispose();
    }
}

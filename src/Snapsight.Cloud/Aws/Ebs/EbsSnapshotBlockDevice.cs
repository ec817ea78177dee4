using Snapsight.Cloud.Aws.Ebs.Incremental;
using Snapsight.Cloud.Provider;
using Snapsight.Disk.BlockDevices;

namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>
/// A completed EBS snapshot read block by block with the EBS direct APIs, as the volume it copies.
/// Its written blocks are listed once on opening; a read that touches only unwritten blocks is
/// answered with zeros at once, any other goes through the shared <see cref="BlockCache"/> (512 KiB
/// blocks), whose device fetches missing blocks in parallel and reads ahead of sequential readers.
/// Opened incrementally (<see cref="OpenIncrementalAsync"/>), blocks unchanged since the volume's
/// last scanned snapshot come from the local <see cref="EbsBlockStore"/> instead of GetSnapshotBlock.
/// <see cref="Statistics"/> counts what callers read, <see cref="Report"/> where the blocks came from and what they cost.
/// </summary>
public sealed class EbsSnapshotBlockDevice : IBlockDevice, ISnapshotReadReporter
{
    private readonly EbsBlockMap _map;
    private readonly EbsBlockFetcher _fetcher;
    private readonly CachedBlockDevice _cached;
    private readonly EbsIncrementalSource? _incremental;
    private readonly string? _fullReadReason;
    private readonly EbsDeviceCounters _counters;

    private EbsSnapshotBlockDevice(
        EbsDirectClient client, EbsBlockMap map, BlockCache cache, int maxParallelReads, int readAheadBlocks,
        EbsIncrementalSource? incremental, string? fullReadReason, EbsDeviceCounters counters)
    {
        _map = map;
        _incremental = incremental;
        _fullReadReason = fullReadReason;
        _counters = counters;
        _fetcher = new EbsBlockFetcher(client, map, incremental, counters);
        _cached = new CachedBlockDevice(_fetcher, cache, maxParallelReads, readAheadBlocks);
    }

    public long Length => _map.VolumeSizeBytes;

    public int BlockSize => EbsLimits.BlockSize;

    public ReadStatistics Statistics { get; } = new();

    /// <summary>The prices <see cref="ReadReport"/> estimates the cost at (the public ones unless the provider sets its own).</summary>
    public EbsPricing Pricing { get; set; } = EbsPricing.Default;

    /// <summary>The snapshot's written blocks.</summary>
    public EbsBlockMap Blocks => _map;

    /// <summary>
    /// Lists the written blocks of <paramref name="snapshotId"/> and opens it. The cache's blocks
    /// must be EBS blocks (512 KiB), so that each cache miss is one GetSnapshotBlock call.
    /// </summary>
    /// <param name="maxParallelReads">GetSnapshotBlock calls in flight at once for this device (1 to 64).</param>
    /// <param name="readAheadBlocks">Blocks fetched ahead of a sequential reader (0 reads one block at a time).</param>
    public static async Task<EbsSnapshotBlockDevice> OpenAsync(
        EbsDirectClient client, string snapshotId, BlockCache cache, int maxParallelReads = 16, int readAheadBlocks = 8,
        CancellationToken cancellationToken = default)
    {
        CheckCache(cache);
        var map = await EbsBlockMap.ListAsync(client, snapshotId, cancellationToken).ConfigureAwait(false);
        return new EbsSnapshotBlockDevice(client, map, cache, maxParallelReads, readAheadBlocks, null, null, new EbsDeviceCounters());
    }

    /// <summary>
    /// Opens <paramref name="snapshotId"/>, a snapshot of <paramref name="volume"/>'s volume, for an
    /// incremental scan: ListChangedBlocks (every page) from the volume's last scanned snapshot says
    /// which blocks changed; the others are served from the local cache when it holds them, intact.
    /// Blocks fetched are cached for the next scan. Without a last scanned snapshot, or when the
    /// service cannot list the changes from it (deleted, another lineage), this is a full read,
    /// and <see cref="EbsReadReport.FullReadReason"/> says why. Call <see cref="EbsVolumeCache.Commit"/> after a successful scan.
    /// </summary>
    public static async Task<EbsSnapshotBlockDevice> OpenIncrementalAsync(
        EbsDirectClient client, EbsVolumeCache volume, string snapshotId, BlockCache cache, int maxParallelReads = 16, int readAheadBlocks = 8,
        CancellationToken cancellationToken = default)
    {
        CheckCache(cache);
        var map = await EbsBlockMap.ListAsync(client, snapshotId, cancellationToken).ConfigureAwait(false);
        var (changes, reason) = await ChangesAsync(client, volume, map, cancellationToken).ConfigureAwait(false);
        var counters = new EbsDeviceCounters();
        return new EbsSnapshotBlockDevice(client, map, cache, maxParallelReads, readAheadBlocks,
            new EbsIncrementalSource(volume, snapshotId, changes, counters), reason, counters);
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

    /// <summary>
    /// Starts GetSnapshotBlock calls for the written blocks of the range, concurrently (at most <c>maxParallelReads</c> in
    /// flight, under the client's rate limit; at most <see cref="CachedBlockDevice.MaxPrefetchBlocks"/> blocks a hint),
    /// and returns at once. Ignored when the device reads one block at a time (<c>readAheadBlocks</c> 0).
    /// </summary>
    public void Prefetch(long offset, long length)
    {
        var end = Math.Min(Length, offset + Math.Max(length, 0));
        if (offset >= 0 && end > offset && _map.AnyWritten(offset / EbsLimits.BlockSize, (end - 1) / EbsLimits.BlockSize))
        {
            _cached.Prefetch(offset, end - offset);
        }
    }

    /// <summary>What reading the snapshot took so far, and its cost at <paramref name="pricing"/> (the public prices by default).</summary>
    public EbsReadReport Report(EbsPricing? pricing = null)
    {
        var changes = _incremental?.Changes;
        var fetched = _counters[EbsBlockOrigin.Fetched];
        var fromCache = _counters[EbsBlockOrigin.FromCache];
        var listCalls = _map.Pages + (changes?.Pages ?? 0);
        return new EbsReadReport(
            _map.SnapshotId, changes?.FirstSnapshotId, _fullReadReason, _map.Pages, changes?.Pages ?? 0, _map.Count, changes?.Count ?? 0,
            fetched, fromCache, _counters[EbsBlockOrigin.CacheRejected], fetched * EbsLimits.BlockSize, fromCache * EbsLimits.BlockSize, Statistics.BytesRead,
            (pricing ?? EbsPricing.Default).Cost(fetched, listCalls));
    }

    /// <summary><see cref="Report"/> at <see cref="Pricing"/>, in the provider-neutral shape a run stores.</summary>
    public SnapshotReadReport ReadReport()
    {
        var report = Report(Pricing);
        return new SnapshotReadReport(report.BlocksFetched, report.BlocksFromCache, report.BytesFetched, report.BytesFromCache,
            report.ListSnapshotBlocksCalls + report.ListChangedBlocksCalls, report.EstimatedCostUsd, report.IncrementalFrom is null ? 0 : 1);
    }

    public void Dispose()
    {
        _cached.Dispose();
        _fetcher.Dispose();
    }

    private static void CheckCache(BlockCache cache)
    {
        if (cache.BlockSize != EbsLimits.BlockSize)
        {
            throw new ArgumentException($"the cache holds {cache.BlockSize}-byte blocks; EBS snapshots need {EbsLimits.BlockSize}-byte ones", nameof(cache));
        }
    }

    /// <summary>The changes since the volume's last scanned snapshot, or why there are none to go by.</summary>
    private static async Task<(EbsChangeList? Changes, string? FullReadReason)> ChangesAsync(
        EbsDirectClient client, EbsVolumeCache volume, EbsBlockMap map, CancellationToken cancellationToken)
    {
        if (volume.LastScannedSnapshotId is not { } previous)
        {
            return (null, volume.ManifestProblem ?? $"{volume.VolumeId} has no scanned snapshot yet");
        }

        if (previous == map.SnapshotId)
        {
            return (EbsChangeList.None(previous, map.VolumeSizeBytes), null);
        }

        try
        {
            return (await EbsChangeList.ListAsync(client, previous, map.SnapshotId, cancellationToken).ConfigureAwait(false), null);
        }
        catch (CloudProviderException e) when (e.Code is CloudErrorCode.NotFound or CloudErrorCode.InvalidParameter)
        {
            return (null, $"the changes from {previous} could not be listed: {e.Message}");
        }
    }
}

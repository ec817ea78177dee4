namespace Snapsight.Disk.BlockDevices;

/// <summary>
/// Puts a <see cref="BlockCache"/> in front of a slow device. Reads are served in whole cache
/// blocks; a read spanning several missing blocks fetches them concurrently (at most
/// <c>maxParallelReads</c> underlying reads at once, read-ahead included), and a read that
/// starts where the previous one ended triggers read-ahead of the next blocks. Read-ahead and
/// prefetch hints take at most half of those reads, so a demand read never waits behind them all. Concurrent
/// requests for the same missing block share one underlying read. Thread-safe.
/// </summary>
public sealed class CachedBlockDevice : IBlockDevice
{
    public const int DefaultMaxParallelReads = 8;
    public const int DefaultReadAheadBlocks = 8;

    /// <summary>Most blocks one <see cref="Prefetch"/> hint starts: a hint naming a huge range must not fill the cache with it.</summary>
    public const int MaxPrefetchBlocks = 64;

    private readonly IBlockDevice _inner;
    private readonly BlockCache _cache;
    private readonly int _deviceId;
    private readonly int _maxParallelReads;
    private readonly int _readAheadBlocks;
    private readonly SemaphoreSlim _underlyingReads;
    private readonly SemaphoreSlim _speculativeReads; // read-ahead and prefetch: half the slots, so demand reads never queue behind them all
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Func<BlockCache.BlockKey, CancellationToken, Task<byte[]>> _loadBlock;
    private readonly Func<BlockCache.BlockKey, CancellationToken, Task<byte[]>> _loadBlockAhead;
    private long _endOfLastRead = -1;
    private long _readAheadFrontier = -1; // highest block index read-ahead has been started for

    /// <param name="inner">The slow device; it stays owned by the caller and is not disposed here.</param>
    /// <param name="cache">The cache, possibly shared with other devices.</param>
    /// <param name="maxParallelReads">Most underlying reads in flight at once (1 to 64).</param>
    /// <param name="readAheadBlocks">Blocks fetched ahead of a sequential reader (0 disables read-ahead; at most 256).</param>
    public CachedBlockDevice(
        IBlockDevice inner, BlockCache cache,
        int maxParallelReads = DefaultMaxParallelReads, int readAheadBlocks = DefaultReadAheadBlocks)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelReads, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxParallelReads, 64);
        ArgumentOutOfRangeException.ThrowIfNegative(readAheadBlocks);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(readAheadBlocks, 256);
        _inner = inner;
        _cache = cache;
        _deviceId = cache.RegisterDevice();
        _maxParallelReads = maxParallelReads;
        _readAheadBlocks = readAheadBlocks;
        _underlyingReads = new SemaphoreSlim(maxParallelReads, maxParallelReads);
        _speculativeReads = new SemaphoreSlim(Math.Max(1, maxParallelReads / 2));
        _loadBlock = LoadBlockAsync;
        _loadBlockAhead = LoadBlockAheadAsync;
    }

    public long Length => _inner.Length;

    public int BlockSize => _cache.BlockSize;

    public ReadStatistics Statistics { get; } = new();

    public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var length = this.ClampToLength(offset, buffer.Length);
        if (length == 0)
        {
            return 0;
        }

        var blockSize = _cache.BlockSize;
        var firstBlock = offset / blockSize;
        var lastBlock = (offset + length - 1) / blockSize;
        MaybeReadAhead(offset, length, lastBlock);

        if (firstBlock == lastBlock)
        {
            await CopyFromBlockAsync(firstBlock, offset, buffer[..length], cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = _maxParallelReads, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Range(firstBlock, lastBlock), options, async (block, ct) =>
            {
                var start = Math.Max(offset, block * blockSize);
                var end = Math.Min(offset + length, (block + 1) * blockSize);
                var target = buffer.Slice((int)(start - offset), (int)(end - start));
                await CopyFromBlockAsync(block, start, target, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }

        Statistics.Record(length);
        return length;
    }

    /// <summary>
    /// Starts fetching the missing blocks of the range (its first <see cref="MaxPrefetchBlocks"/>) without waiting for them:
    /// at most <c>maxParallelReads</c> underlying reads run at once, as for read-ahead, and a later read of those blocks
    /// shares the fetch in flight. Does nothing when read-ahead is off (<c>readAheadBlocks</c> 0: one block at a time).
    /// </summary>
    public void Prefetch(long offset, long length)
    {
        if (_readAheadBlocks == 0 || offset < 0 || offset >= Length || length <= 0)
        {
            return;
        }

        var blockSize = _cache.BlockSize;
        var first = offset / blockSize;
        var last = Math.Min((Math.Min(length, Length - offset) + offset - 1) / blockSize, first + MaxPrefetchBlocks - 1);
        StartReadAhead(first, last);
    }

    /// <summary>Stops pending read-ahead. The inner device and the shared cache are left alone.</summary>
    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
        _underlyingReads.Dispose();
        _speculativeReads.Dispose();
    }

    private static IEnumerable<long> Range(long first, long last)
    {
        for (var block = first; block <= last; block++)
        {
            yield return block;
        }
    }

    private async ValueTask CopyFromBlockAsync(long block, long offset, Memory<byte> target, CancellationToken cancellationToken)
    {
        var bytes = await GetBlockAsync(block, cancellationToken).ConfigureAwait(false);
        var within = (int)(offset - block * _cache.BlockSize);
        bytes.AsSpan(within, target.Length).CopyTo(target.Span);
    }

    private ValueTask<byte[]> GetBlockAsync(long block, CancellationToken cancellationToken) =>
        _cache.Blocks.GetOrLoadAsync(new BlockCache.BlockKey(_deviceId, block), BlockLength(block), _loadBlock, cancellationToken);

    private ValueTask<byte[]> GetBlockAheadAsync(long block, CancellationToken cancellationToken) =>
        _cache.Blocks.GetOrLoadAsync(new BlockCache.BlockKey(_deviceId, block), BlockLength(block), _loadBlockAhead, cancellationToken);

    private int BlockLength(long block) => (int)Math.Min(_cache.BlockSize, _inner.Length - block * _cache.BlockSize);

    private async Task<byte[]> LoadBlockAsync(BlockCache.BlockKey key, CancellationToken cancellationToken)
    {
        var bytes = new byte[BlockLength(key.BlockIndex)];
        await _underlyingReads.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _inner.ReadExactlyAsync(key.BlockIndex * _cache.BlockSize, bytes, "cache", "cached block", cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            _underlyingReads.Release();
        }

        return bytes;
    }

    private async Task<byte[]> LoadBlockAheadAsync(BlockCache.BlockKey key, CancellationToken cancellationToken)
    {
        await _speculativeReads.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await LoadBlockAsync(key, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _speculativeReads.Release();
        }
    }

    /// <summary>A read starting exactly where the previous one ended is sequential: fetch the next blocks early.</summary>
    private void MaybeReadAhead(long offset, int length, long lastBlock)
    {
        var previousEnd = Interlocked.Exchange(ref _endOfLastRead, offset + length);
        if (_readAheadBlocks == 0 || previousEnd != offset)
        {
            return;
        }

        var blockCount = (Length + _cache.BlockSize - 1) / _cache.BlockSize;
        var to = Math.Min(lastBlock + _readAheadBlocks, blockCount - 1);
        long from;
        long frontier;
        do
        {
            frontier = Interlocked.Read(ref _readAheadFrontier);
            // Continue from the frontier when it lies within this window; otherwise it belongs to an earlier stream.
            from = frontier >= lastBlock && frontier <= to ? frontier + 1 : lastBlock + 1;
            if (from > to)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _readAheadFrontier, to, frontier) != frontier);

        StartReadAhead(from, to);
    }

    private void StartReadAhead(long from, long to)
    {
        try
        {
            var token = _lifetime.Token;
            for (var block = from; block <= to; block++)
            {
                // Not awaited: the semaphore bounds how many underlying reads run at once, and a
                // failed read-ahead is only a lost hint (the demand read reports the error).
                _ = GetBlockAheadAsync(block, token).AsTask().ContinueWith(
                    static t => _ = t.Exception, CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        }
        catch (ObjectDisposedException)
        {
            // Disposed while read-ahead was being scheduled.
        }
    }
}

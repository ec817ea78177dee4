using System.Collections.Concurrent;
using CsCheck;
using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.Tests.BlockDevices;

public sealed class CachedBlockDeviceTests
{
    [Fact]
    public void Any_sequence_of_reads_through_the_cache_returns_the_bytes_of_the_device()
    {
        var reads = Gen.Select(Gen.Int[0, 70_000], Gen.Int[0, 20_000]).Array[1, 40];
        Gen.Select(Gen.Int[0, 60_000], Gen.Int[1, 8], reads, Gen.Int[0, 4]).Sample((size, cacheBlocks, sequence, readAhead) =>
        {
            var bytes = new byte[size];
            new Random(size).NextBytes(bytes);
            using var inner = new MemoryBlockDevice(bytes);
            var cache = new BlockCache(cacheBlocks * 4096L, blockSize: 4096);
            using var cached = new CachedBlockDevice(inner, cache, maxParallelReads: 3, readAheadBlocks: readAhead);
            foreach (var (offset, count) in sequence)
            {
                var buffer = new byte[count];
                var n = cached.ReadAsync(offset, buffer).AsTask().GetAwaiter().GetResult();
                var expected = Math.Max(0, Math.Min(count, size - offset));
                Assert.Equal(expected, n);
                Assert.True(bytes.AsSpan(Math.Min(offset, size), n).SequenceEqual(buffer.AsSpan(0, n)));
                Assert.True(cache.SizeBytes <= Math.Max(cache.CapacityBytes, 4096));
            }
        });
    }

    [Fact]
    public async Task A_read_spanning_many_missing_blocks_fetches_them_concurrently_within_the_bound()
    {
        using var slow = new SlowDevice(new byte[64 * 4096], delay: TimeSpan.FromMilliseconds(30));
        using var cached = new CachedBlockDevice(slow, new BlockCache(1 << 20, 4096), maxParallelReads: 4, readAheadBlocks: 0);

        var buffer = new byte[32 * 4096];
        Assert.Equal(buffer.Length, await cached.ReadAsync(0, buffer));

        Assert.Equal(32, slow.Requests.Count);
        Assert.InRange(slow.MaxConcurrency, 2, 4);
    }

    [Fact]
    public async Task Concurrent_requests_for_the_same_missing_block_issue_one_underlying_read()
    {
        using var slow = new SlowDevice(new byte[16 * 4096], delay: TimeSpan.FromMilliseconds(50));
        using var cached = new CachedBlockDevice(slow, new BlockCache(1 << 20, 4096), readAheadBlocks: 0);

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => cached.ReadAsync(100 + i, new byte[10]).AsTask()));

        Assert.Single(slow.Requests);
        Assert.Equal(16 * 10, cached.Statistics.BytesRead);
    }

    [Fact]
    public async Task Sequential_reads_trigger_bounded_read_ahead_and_then_hit_the_cache()
    {
        using var slow = new SlowDevice(new byte[256 * 4096], delay: TimeSpan.FromMilliseconds(5));
        using var cached = new CachedBlockDevice(slow, new BlockCache(1 << 22, 4096), maxParallelReads: 8, readAheadBlocks: 4);

        await cached.ReadAsync(0, new byte[4096]);
        await cached.ReadAsync(4096, new byte[4096]); // sequential: blocks 2..5 are fetched ahead
        await WaitUntil(() => slow.Requests.Count >= 6);
        await Task.Delay(50);
        Assert.Equal([0L, 1, 2, 3, 4, 5], slow.Requests.Order());

        await cached.ReadAsync(8192, new byte[4 * 4096]); // blocks 2..5: all cached; read-ahead goes on from 6
        await WaitUntil(() => slow.Requests.Count >= 10);
        await Task.Delay(50);
        Assert.Equal(10, slow.Requests.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), slow.Requests.Order());
    }

    [Fact]
    public async Task A_new_sequential_stream_behind_an_earlier_one_gets_read_ahead_too()
    {
        using var slow = new SlowDevice(new byte[256 * 4096], delay: TimeSpan.FromMilliseconds(5));
        using var cached = new CachedBlockDevice(slow, new BlockCache(1 << 22, 4096), readAheadBlocks: 2);

        await cached.ReadAsync(100 * 4096, new byte[4096]);
        await cached.ReadAsync(101 * 4096, new byte[4096]); // read-ahead of 102, 103
        await cached.ReadAsync(10 * 4096, new byte[4096]);
        await cached.ReadAsync(11 * 4096, new byte[4096]); // a new stream: read-ahead of 12, 13
        await WaitUntil(() => slow.Requests.Count >= 8);
        await Task.Delay(50);

        Assert.Equal([10L, 11, 12, 13, 100, 101, 102, 103], slow.Requests.Order());
    }

    [Fact]
    public async Task A_prefetch_hint_fetches_the_missing_blocks_of_its_range_concurrently_and_later_reads_hit_the_cache()
    {
        var bytes = Enumerable.Range(0, 64 * 4096).Select(i => (byte)(i * 7)).ToArray();
        using var slow = new SlowDevice(bytes, delay: TimeSpan.FromMilliseconds(30));
        using var cached = new CachedBlockDevice(slow, new BlockCache(1 << 22, 4096), maxParallelReads: 8, readAheadBlocks: 2);

        await cached.ReadAsync(20 * 4096, new byte[4096]);
        cached.Prefetch(18 * 4096 + 100, 5 * 4096); // blocks 18..23; 20 is cached already
        await WaitUntil(() => slow.Requests.Count >= 6);
        await Task.Delay(50);
        Assert.Equal([18L, 19, 20, 21, 22, 23], slow.Requests.Order());
        Assert.True(slow.MaxConcurrency > 1, "the hinted blocks are fetched together, not one after another");

        var read = new byte[6 * 4096];
        await cached.ReadAsync(18 * 4096, read);
        Assert.Equal(6, slow.Requests.Count);
        Assert.Equal(bytes[(18 * 4096)..(24 * 4096)], read);
    }

    [Fact]
    public async Task A_prefetch_hint_is_bounded_and_ignored_past_the_end_or_when_reading_one_block_at_a_time()
    {
        using var slow = new SlowDevice(new byte[256 * 4096], delay: TimeSpan.FromMilliseconds(1));
        using (var oneAtATime = new CachedBlockDevice(slow, new BlockCache(1 << 22, 4096), readAheadBlocks: 0))
        {
            oneAtATime.Prefetch(0, 16 * 4096);
            oneAtATime.Prefetch(long.MaxValue - 10, long.MaxValue);
        }

        using var cached = new CachedBlockDevice(slow, new BlockCache(1 << 22, 4096), readAheadBlocks: 2);
        cached.Prefetch(256 * 4096, 4096);
        cached.Prefetch(-4096, 8192);
        cached.Prefetch(0, 0);
        cached.Prefetch(0, long.MaxValue); // the whole device and more: only the first MaxPrefetchBlocks
        await WaitUntil(() => slow.Requests.Count >= CachedBlockDevice.MaxPrefetchBlocks);
        await Task.Delay(50);
        Assert.Equal(Enumerable.Range(0, CachedBlockDevice.MaxPrefetchBlocks).Select(i => (long)i), slow.Requests.Order());
    }

    [Fact]
    public async Task Prefetch_and_read_ahead_take_at_most_half_the_parallel_reads()
    {
        using var slow = new SlowDevice(new byte[64 * 4096], delay: TimeSpan.FromMilliseconds(20));
        using var cached = new CachedBlockDevice(slow, new BlockCache(1 << 22, 4096), maxParallelReads: 4, readAheadBlocks: 2);

        cached.Prefetch(0, 16 * 4096);
        await WaitUntil(() => slow.Requests.Count >= 16);
        await Task.Delay(50);
        Assert.Equal(16, slow.Requests.Count);
        Assert.Equal(2, slow.MaxConcurrency);
    }

    [Fact]
    public async Task Devices_sharing_a_cache_never_see_each_others_blocks_and_the_capacity_holds()
    {
        var a = Enumerable.Repeat((byte)0xAA, 8 * 4096).ToArray();
        var b = Enumerable.Repeat((byte)0xBB, 8 * 4096).ToArray();
        var cache = new BlockCache(4 * 4096, 4096);
        using var innerA = new MemoryBlockDevice(a);
        using var innerB = new MemoryBlockDevice(b);
        using var cachedA = new CachedBlockDevice(innerA, cache, readAheadBlocks: 0);
        using var cachedB = new CachedBlockDevice(innerB, cache, readAheadBlocks: 0);
        for (var round = 0; round < 3; round++)
        {
            for (var block = 0; block < 8; block++)
            {
                var bufferA = new byte[4096];
                var bufferB = new byte[4096];
                await cachedA.ReadAsync(block * 4096, bufferA);
                await cachedB.ReadAsync(block * 4096, bufferB);
                Assert.All(bufferA, x => Assert.Equal(0xAA, x));
                Assert.All(bufferB, x => Assert.Equal(0xBB, x));
                Assert.True(cache.SizeBytes <= cache.CapacityBytes);
            }
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }

    /// <summary>A slow device (a stand-in for a cloud snapshot) that records its requests and their concurrency.</summary>
    private sealed class SlowDevice(byte[] bytes, TimeSpan delay) : IBlockDevice
    {
        private int _inFlight;
        private int _maxConcurrency;

        public ConcurrentBag<long> Requests { get; } = [];

        public int MaxConcurrency => Volatile.Read(ref _maxConcurrency);

        public long Length => bytes.Length;

        public int BlockSize => 4096;

        public ReadStatistics Statistics { get; } = new();

        public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Requests.Add(offset / 4096);
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref _maxConcurrency)) && Interlocked.CompareExchange(ref _maxConcurrency, now, seen) != seen)
            {
            }

            try
            {
                await Task.Delay(delay, cancellationToken);
                var n = this.ClampToLength(offset, buffer.Length);
                bytes.AsSpan((int)offset, n).CopyTo(buffer.Span);
                Statistics.Record(n);
                return n;
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        public void Dispose()
        {
        }
    }
}

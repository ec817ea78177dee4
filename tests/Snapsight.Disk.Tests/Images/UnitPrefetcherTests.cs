using Snapsight.Disk.Images;

namespace Snapsight.Disk.Tests.Images;

/// <summary>
/// Prefetch hints are bounded: one hint names at most <see cref="UnitPrefetcher.MaxHintBytes"/> of units, at most
/// <see cref="UnitPrefetcher.MaxPendingBytes"/> wait (newest kept), the newest is warmed first, a failing warm-up loses
/// only its hint, and nothing is warmed after disposal.
/// </summary>
public sealed class UnitPrefetcherTests
{
    private const long Unit = 64 * 1024;
    private const long DeviceLength = 1L << 40;

    [Fact]
    public async Task A_huge_hint_queues_only_its_first_units_and_the_queue_keeps_the_newest()
    {
        using var warmer = new GatedWarmer();
        using var prefetcher = new UnitPrefetcher(warmer.WarmAsync, Unit, DeviceLength);
        prefetcher.Hint(0, Unit); // the worker takes unit 0 and waits at the gate
        await warmer.FirstStarted.WaitAsync(TimeSpan.FromSeconds(30));

        prefetcher.Hint(Unit * 1000, DeviceLength); // a hint naming the whole disk
        Assert.Equal(UnitPrefetcher.MaxHintBytes / Unit, prefetcher.PendingCount);
        for (var hint = 0; hint < 100; hint++)
        {
            prefetcher.Hint(Unit * 10 * hint, Unit * 3);
        }

        Assert.Equal(UnitPrefetcher.MaxPendingBytes / Unit, prefetcher.PendingCount);
        warmer.Open();
        await warmer.WaitForAsync(1 + (int)(UnitPrefetcher.MaxPendingBytes / Unit));

        // Newest first: the last hint's units (990, 991, 992) lead, in order; the first hints were dropped.
        var warmed = warmer.Warmed;
        Assert.Equal([0, 990 * Unit, 991 * Unit, 992 * Unit], warmed.Take(4));
        Assert.DoesNotContain(1000 * Unit, warmed);
        Assert.Equal(warmed.Count, warmed.Distinct().Count());
    }

    /// <summary>Whatever a warm-up throws, a format error or a bug's exception, the worker goes on with the next hint.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_failing_warm_up_loses_only_its_hint(bool unexpected)
    {
        var warmed = new List<long>();
        using var done = new SemaphoreSlim(0);
        using var prefetcher = new UnitPrefetcher((offset, _) =>
        {
            if (offset == 0)
            {
                throw unexpected ? new ArgumentOutOfRangeException(nameof(offset)) : new DiskFormatException("test", "unit", offset, "corrupt");
            }

            lock (warmed)
            {
                warmed.Add(offset);
            }

            done.Release();
            return ValueTask.CompletedTask;
        }, Unit, DeviceLength);

        prefetcher.Hint(0, Unit);
        prefetcher.Hint(Unit, Unit);
        Assert.True(await done.WaitAsync(TimeSpan.FromSeconds(30)));
        prefetcher.Hint(2 * Unit, Unit);
        Assert.True(await done.WaitAsync(TimeSpan.FromSeconds(30)));
        lock (warmed)
        {
            Assert.Equal([Unit, 2 * Unit], warmed.Order());
        }
    }

    [Fact]
    public async Task Nothing_is_warmed_after_disposal_and_hints_outside_the_device_are_ignored()
    {
        using var warmer = new GatedWarmer();
        var prefetcher = new UnitPrefetcher(warmer.WarmAsync, Unit, 10 * Unit);
        prefetcher.Hint(-Unit, 3 * Unit);
        prefetcher.Hint(10 * Unit, Unit);
        prefetcher.Hint(Unit, 0);
        Assert.Equal(0, prefetcher.PendingCount);

        prefetcher.Hint(9 * Unit, 100 * Unit); // clipped to the device: one unit
        await warmer.FirstStarted.WaitAsync(TimeSpan.FromSeconds(30));
        prefetcher.Hint(0, 5 * Unit);
        prefetcher.Dispose();
        Assert.Equal(0, prefetcher.PendingCount);
        prefetcher.Hint(0, 5 * Unit);
        warmer.Open();
        for (var wait = 0; wait < 3000 && prefetcher.Working; wait++)
        {
            await Task.Delay(10);
        }

        Assert.False(prefetcher.Working, "the worker did not stop after disposal");
        Assert.Equal([9 * Unit], warmer.Warmed);
    }

    /// <summary>Records warm-ups; each waits at a gate until <see cref="Open"/>.</summary>
    private sealed class GatedWarmer : IDisposable
    {
        private readonly ManualResetEventSlim _gate = new();
        private readonly TaskCompletionSource _firstStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<long> _warmed = [];

        public Task FirstStarted => _firstStarted.Task;

        public List<long> Warmed
        {
            get
            {
                lock (_warmed)
                {
                    return [.. _warmed];
                }
            }
        }

        public ValueTask WarmAsync(long offset, CancellationToken cancellationToken)
        {
            lock (_warmed)
            {
                _warmed.Add(offset);
            }

            _firstStarted.TrySetResult();
            _gate.Wait(TimeSpan.FromSeconds(30), CancellationToken.None);
            return ValueTask.CompletedTask;
        }

        public void Open() => _gate.Set();

        public async Task WaitForAsync(int count)
        {
            for (var wait = 0; wait < 3000 && Warmed.Count < count; wait++)
            {
                await Task.Delay(10);
            }

            Assert.Equal(count, Warmed.Count);
        }

        public void Dispose() => _gate.Dispose();
    }
}

using System.Diagnostics;

namespace Snapsight.Disk.Tests.Support;

/// <summary>
/// The bar every crafted bad input must clear: a clear <see cref="DiskFormatException"/> or a
/// normal return (a partial result with the gap recorded), within 2 s and 256 MiB allocated,
/// with no other exception. Runs the parser on a thread of its own so that time and
/// allocations are measured for it alone.
/// </summary>
public static class HostileInput
{
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(2);
    public const long AllocationLimit = 256L * 1024 * 1024;

    /// <summary>A run slower than this is a hang, whatever the machine is doing.</summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Runs <paramref name="parse"/>; returns the format error it raised, or null when it returned
    /// normally. A first run over <see cref="TimeLimit"/> may be the machine (a cold JIT, other
    /// tests on both cores), so when it still ends within <see cref="HangLimit"/> it is run
    /// again, warm, and that run must meet the limit.
    /// </summary>
    public static DiskFormatException? Run(Func<CancellationToken, Task> parse)
    {
        var first = RunOnce(parse, HangLimit);
        var outcome = !first.Finished || first.Elapsed <= TimeLimit ? first : RunOnce(parse, TimeLimit);
        Assert.True(outcome.Finished, $"the parser ran longer than {TimeLimit.TotalSeconds} s (first run: {first.Elapsed.TotalSeconds:0.0} s)");
        Assert.True(outcome.Allocated <= AllocationLimit, $"the parser allocated {outcome.Allocated / (1024 * 1024)} MiB");
        return outcome.Escaped switch
        {
            null => null,
            DiskFormatException format => format,
            var escaped => throw new Xunit.Sdk.XunitException($"expected a DiskFormatException or a partial result, got {escaped.GetType().Name}: {escaped}"),
        };
    }

    private sealed record Outcome(bool Finished, TimeSpan Elapsed, long Allocated, Exception? Escaped);

    private static Outcome RunOnce(Func<CancellationToken, Task> parse, TimeSpan limit)
    {
        Exception? escaped = null;
        long allocated = 0;
        using var cancellation = new CancellationTokenSource();
        var thread = new Thread(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                parse(cancellation.Token).GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                escaped = e;
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }, maxStackSize: 1024 * 1024);

        var clock = Stopwatch.StartNew();
        thread.Start();
        if (!thread.Join(limit))
        {
            cancellation.Cancel();
            thread.Join(TimeSpan.FromSeconds(5));
            return new Outcome(false, clock.Elapsed, allocated, escaped);
        }

        return new Outcome(true, clock.Elapsed, allocated, escaped);
    }

    /// <summary>Like <see cref="Run"/>, but the input must be rejected; returns the error for checking its message.</summary>
    public static DiskFormatException Rejects(Func<CancellationToken, Task> parse) =>
        Run(parse) ?? throw new Xunit.Sdk.XunitException("expected the bad input to be rejected with a DiskFormatException");
}

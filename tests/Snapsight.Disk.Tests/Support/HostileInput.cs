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

    /// <summary>Runs <paramref name="parse"/>; returns the format error it raised, or null when it returned normally.</summary>
    public static DiskFormatException? Run(Func<CancellationToken, Task> parse)
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
        if (!thread.Join(TimeLimit))
        {
            cancellation.Cancel();
            thread.Join(TimeSpan.FromSeconds(5));
            Assert.Fail($"the parser ran longer than {TimeLimit.TotalSeconds} s");
        }

        Assert.True(allocated <= AllocationLimit, $"the parser allocated {allocated / (1024 * 1024)} MiB");
        return escaped switch
        {
            null => null,
            DiskFormatException format => format,
            _ => throw new Xunit.Sdk.XunitException($"expected a DiskFormatException or a partial result, got {escaped.GetType().Name}: {escaped}"),
        };
    }

    /// <summary>Like <see cref="Run"/>, but the input must be rejected; returns the error for checking its message.</summary>
    public static DiskFormatException Rejects(Func<CancellationToken, Task> parse) =>
        Run(parse) ?? throw new Xunit.Sdk.XunitException("expected the bad input to be rejected with a DiskFormatException");
}

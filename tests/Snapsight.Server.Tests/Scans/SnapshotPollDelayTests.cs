using CsCheck;
using Snapsight.Control.Scans;

namespace Snapsight.Server.Tests.Scans;

/// <summary>How long the workflow waits before describing a pending snapshot set again.</summary>
public sealed class SnapshotPollDelayTests
{
    // Milliseconds: the first poll, the cap, and when the set completes (up to two hours).
    private static readonly Gen<(int First, int Cap, int Completes)> Polling =
        Gen.Select(Gen.Int[1, 5_000], Gen.Int[1, 60_000], Gen.Int[0, 7_200_000]);

    [Fact]
    public void Every_wait_is_within_the_first_poll_and_the_cap()
    {
        Gen.Select(Polling, Gen.Int[0, 10_000_000]).Sample((p, pending) =>
        {
            var options = Options(p.First, p.Cap);
            var wait = options.SnapshotPollDelay(TimeSpan.FromMilliseconds(pending));
            return wait <= options.SnapshotPollInterval && wait >= Min(options.FirstSnapshotPoll, options.SnapshotPollInterval) && wait > TimeSpan.Zero;
        });
    }

    [Fact]
    public void The_poll_that_sees_a_set_completed_comes_at_most_as_long_again_after_it_and_never_a_cap_later()
    {
        Polling.Sample(p =>
        {
            var options = Options(p.First, p.Cap);
            var completes = TimeSpan.FromMilliseconds(p.Completes);
            var polled = TimeSpan.Zero;
            var polls = 0;
            while (polled < completes)
            {
                polled += options.SnapshotPollDelay(polled);
                polls++;
            }

            // A set done in a second is seen about a second later, not a cap later; a slow one costs a poll every cap.
            var late = polled - completes;
            return late <= Min(options.SnapshotPollInterval, Max(completes, options.FirstSnapshotPoll))
                && polls <= 2 + Math.Log2(Math.Max(1, p.Completes / (double)p.First)) + p.Completes / (double)p.Cap;
        });
    }

    [Fact]
    public void The_waits_double_from_the_first_poll_up_to_the_cap()
    {
        var options = new ScanWorkflowOptions { FirstSnapshotPoll = TimeSpan.FromSeconds(1), SnapshotPollInterval = TimeSpan.FromSeconds(15) };
        var waits = new List<double>();
        var polled = TimeSpan.Zero;
        while (polled < TimeSpan.FromSeconds(60))
        {
            var wait = options.SnapshotPollDelay(polled);
            waits.Add(wait.TotalSeconds);
            polled += wait;
        }

        // Polled at 0, 1, 2, 4, 8, 16, 31 and 46 s: the last wait passes the minute.
        Assert.Equal([1, 1, 2, 4, 8, 15, 15, 15], waits);
    }

    private static ScanWorkflowOptions Options(int first, int cap) => new()
    {
        FirstSnapshotPoll = TimeSpan.FromMilliseconds(first),
        SnapshotPollInterval = TimeSpan.FromMilliseconds(cap),
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

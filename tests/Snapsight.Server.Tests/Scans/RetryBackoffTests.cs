using CsCheck;
using Snapsight.Control.Scans;

namespace Snapsight.Server.Tests.Scans;

/// <summary>The retry delay: capped, exponential below the cap, and jittered within [half, all] of its ceiling.</summary>
public sealed class RetryBackoffTests
{
    [Fact]
    public void Delays_stay_between_half_and_all_of_the_capped_exponential_ceiling()
    {
        Gen.Select(Gen.Int[1, 200], Gen.Double[0, 1], Gen.Int[1, 60_000], Gen.Int[1, 3_600_000]).Sample((attempt, jitter, baseMs, capMs) =>
        {
            var baseDelay = TimeSpan.FromMilliseconds(baseMs);
            var cap = TimeSpan.FromMilliseconds(capMs);
            var delay = RetryBackoff.Delay(attempt, baseDelay, cap, jitter);
            // The ceiling computed apart: doubling step by step, stopping at the cap.
            var ceiling = baseDelay;
            for (var i = 1; i < attempt && ceiling < cap; i++)
            {
                ceiling += ceiling;
            }

            ceiling = ceiling < cap ? ceiling : cap;
            Assert.InRange(delay.Ticks, ceiling.Ticks / 2 - 1, ceiling.Ticks);
        });
    }

    [Fact]
    public void Without_jitter_the_ceilings_double_until_the_cap()
    {
        var delays = Enumerable.Range(1, 8).Select(n => RetryBackoff.Delay(n, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20), 1.0).TotalSeconds);
        Assert.Equal([1, 2, 4, 8, 16, 20, 20, 20], delays);
    }
}

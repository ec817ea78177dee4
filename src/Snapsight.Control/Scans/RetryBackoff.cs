namespace Snapsight.Control.Scans;

/// <summary>
/// Capped exponential backoff with jitter (the Builders' Library's advice): the n-th retry waits
/// between half and all of min(cap, base·2^(n-1)), so retries of many runs spread out instead of
/// arriving together, and each still waits at least half its share.
/// </summary>
public static class RetryBackoff
{
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(jitter, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(jitter, 1.0);
        // 2^30 base delays pass any sensible cap; the exponent is bounded so the product cannot overflow.
        var exponential = baseDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 30));
        var ceiling = Math.Min(maxDelay.Ticks, exponential);
        return TimeSpan.FromTicks((long)(ceiling / 2 + ceiling / 2 * jitter));
    }
}

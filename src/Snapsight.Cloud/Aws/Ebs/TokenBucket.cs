namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>
/// Keeps calls under a rate: <see cref="RatePerSecond"/> tokens a second, up to <see cref="Burst"/>
/// saved. A caller that finds no token reserves the next one and waits until it is due, so
/// waiters are served in order and the long-run rate never exceeds the limit (AWS counts
/// GetSnapshotBlock per account per second; aws-safety.md keeps us under 80 % of it).
/// </summary>
public sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private double _tokens;
    private long _lastRefill;

    public TokenBucket(double ratePerSecond, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        RatePerSecond = ratePerSecond;
        Burst = burst;
        _time = time;
        _tokens = burst;
        _lastRefill = time.GetTimestamp();
    }

    public double RatePerSecond { get; }

    public int Burst { get; }

    /// <summary>Takes one token, waiting for it when none is saved.</summary>
    public Task TakeAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(Burst, _tokens + (_time.GetElapsedTime(_lastRefill, now).TotalSeconds * RatePerSecond));
            _lastRefill = now;
            _tokens -= 1;
            if (_tokens >= 0)
            {
                return Task.CompletedTask;
            }

            wait = TimeSpan.FromSeconds(-_tokens / RatePerSecond);
        }

        return Task.Delay(wait, _time, cancellationToken);
    }
}

using Microsoft.Extensions.Time.Testing;
using Snapsight.Cloud.Aws.Ebs;

namespace Snapsight.Cloud.Tests.Aws.Ebs;

/// <summary>The rate limit on a clock the test moves: a burst is served at once, then one token per 1/rate seconds, in order.</summary>
public sealed class TokenBucketTests
{
    [Fact]
    public void After_the_burst_each_call_waits_for_its_own_token()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(ratePerSecond: 10, burst: 2, clock);

        var first = bucket.TakeAsync(CancellationToken.None);
        var second = bucket.TakeAsync(CancellationToken.None);
        var third = bucket.TakeAsync(CancellationToken.None);
        var fourth = bucket.TakeAsync(CancellationToken.None);

        Assert.True(first.IsCompleted && second.IsCompleted);
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(third.IsCompleted);
        Assert.False(fourth.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(fourth.IsCompleted);
    }

    [Fact]
    public void An_idle_bucket_saves_no_more_than_its_burst()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(ratePerSecond: 10, burst: 3, clock);
        clock.Advance(TimeSpan.FromHours(1));

        var taken = Enumerable.Range(0, 4).Select(_ => bucket.TakeAsync(CancellationToken.None)).ToList();

        Assert.Equal([true, true, true, false], taken.Select(t => t.IsCompleted));
    }
}

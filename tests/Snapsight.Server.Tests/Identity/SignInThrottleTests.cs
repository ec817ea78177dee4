using Microsoft.Extensions.Time.Testing;
using Snapsight.Control.Identity;

namespace Snapsight.Server.Tests.Identity;

public sealed class SignInThrottleTests
{
    private static readonly SignInLimits Limits = new()
    {
        ClientFailures = 4, AccountFailures = 3, AccountFailuresFromAnywhere = 6, MaxTrackedKeys = 50,
    };

    [Fact]
    public void A_name_guessed_from_one_address_is_locked_there_for_the_lock_time_and_not_elsewhere()
    {
        var clock = new FakeTimeProvider();
        var throttle = new SignInThrottle(Limits, clock);

        for (var i = 0; i < Limits.AccountFailures; i++)
        {
            Assert.True(throttle.Begin("ALICE", "10.0.0.1").Allowed);
        }

        Assert.False(throttle.Begin("ALICE", "10.0.0.1").Allowed);
        Assert.True(throttle.Begin("ALICE", "10.0.0.2").Allowed);
        Assert.True(throttle.Begin("BOB", "10.0.0.3").Allowed);
        clock.Advance(Limits.AccountLock - TimeSpan.FromSeconds(1));
        Assert.False(throttle.Begin("ALICE", "10.0.0.1").Allowed);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(throttle.Begin("ALICE", "10.0.0.1").Allowed);
    }

    [Fact]
    public void A_name_guessed_from_many_addresses_is_locked_everywhere_at_the_hourly_limit()
    {
        var clock = new FakeTimeProvider();
        var throttle = new SignInThrottle(Limits, clock);

        for (var i = 0; i < Limits.AccountFailuresFromAnywhere; i++)
        {
            Assert.True(throttle.Begin("ALICE", $"10.0.0.{i}").Allowed);
        }

        Assert.False(throttle.Begin("ALICE", "192.0.2.99").Allowed);
        clock.Advance(Limits.AccountWindowFromAnywhere + TimeSpan.FromSeconds(1));
        Assert.True(throttle.Begin("ALICE", "192.0.2.99").Allowed);
    }

    [Fact]
    public void A_client_address_is_refused_after_its_failures_whatever_names_it_tries()
    {
        var clock = new FakeTimeProvider();
        var throttle = new SignInThrottle(Limits, clock);

        for (var i = 0; i < Limits.ClientFailures; i++)
        {
            Assert.True(throttle.Begin($"USER{i}", "192.0.2.7").Allowed);
        }

        var refused = throttle.Begin("SOMEONE-NEW", "192.0.2.7");
        Assert.False(refused.Allowed);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(1), Limits.ClientWindow);
        Assert.True(throttle.Begin("SOMEONE-NEW", "192.0.2.8").Allowed);
        clock.Advance(Limits.ClientWindow + TimeSpan.FromSeconds(1));
        Assert.True(throttle.Begin("SOMEONE-ELSE", "192.0.2.7").Allowed);
    }

    [Fact]
    public void Successes_are_taken_back_so_only_failures_count()
    {
        var throttle = new SignInThrottle(Limits, new FakeTimeProvider());

        for (var i = 0; i < 10 * Limits.AccountFailuresFromAnywhere; i++)
        {
            Assert.True(throttle.Begin("ALICE", "192.0.2.1").Allowed);
            throttle.Succeeded("ALICE", "192.0.2.1");
        }

        throttle.Begin("ALICE", "a");
        throttle.Begin("ALICE", "a");
        throttle.Succeeded("ALICE", "a");
        Assert.True(throttle.Begin("ALICE", "a").Allowed);
        Assert.True(throttle.Begin("ALICE", "a").Allowed);
    }

    [Fact]
    public void The_attempt_that_would_lock_says_so()
    {
        var throttle = new SignInThrottle(Limits, new FakeTimeProvider());

        var last = Enumerable.Range(0, Limits.AccountFailures).Select(_ => throttle.Begin("ALICE", "c").LastBeforeLock).ToList();

        Assert.Equal([false, false, true], last);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Parallel_guesses_on_one_name_get_no_more_than_the_limit_through(bool fromOneAddress)
    {
        var throttle = new SignInThrottle(Limits with { ClientFailures = 10_000 }, new FakeTimeProvider());

        var admitted = 0;
        Parallel.For(0, 1000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            if (throttle.Begin("ALICE", fromOneAddress ? "10.1.1.1" : $"10.1.{i / 250}.{i % 250}").Allowed)
            {
                Interlocked.Increment(ref admitted);
            }
        });

        Assert.Equal(fromOneAddress ? Limits.AccountFailures : Limits.AccountFailuresFromAnywhere, admitted);
    }

    [Fact]
    public void Made_up_names_from_many_addresses_cannot_grow_it_without_bound_and_locks_still_hold()
    {
        var clock = new FakeTimeProvider();
        var throttle = new SignInThrottle(Limits, clock);
        for (var i = 0; i < Limits.AccountFailuresFromAnywhere; i++)
        {
            throttle.Begin("VICTIM", $"attacker-{i}");
        }

        for (var i = 0; i < 10 * Limits.MaxTrackedKeys; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            throttle.Begin($"NAME{i}", $"addr-{i}");
            Assert.True(throttle.TrackedKeys <= 3 * Limits.MaxTrackedKeys);
        }

        Assert.False(throttle.Begin("VICTIM", "anyone").Allowed);
    }
}

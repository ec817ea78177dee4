using Microsoft.Extensions.Time.Testing;
using Snapsight.Control.Identity;

namespace Snapsight.Server.Tests.Identity;

public sealed class SignInThrottleTests
{
    private static readonly SignInLimits Limits = new() { ClientFailures = 4, AccountFailures = 3, MaxTrackedKeys = 50 };

    [Fact]
    public void An_account_name_is_locked_after_its_failures_and_unlocked_after_the_lock_time()
    {
        var clock = new FakeTimeProvider();
        var throttle = new SignInThrottle(Limits, clock);

        for (var i = 0; i < Limits.AccountFailures; i++)
        {
            Assert.Null(throttle.RefusedFor("ALICE", $"10.0.0.{i}"));
            throttle.RecordFailure("ALICE", $"10.0.0.{i}");
        }

        Assert.NotNull(throttle.RefusedFor("ALICE", "10.9.9.9"));
        Assert.Null(throttle.RefusedFor("BOB", "10.9.9.9"));
        clock.Advance(Limits.AccountLock - TimeSpan.FromSeconds(1));
        Assert.NotNull(throttle.RefusedFor("ALICE", "10.9.9.9"));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(throttle.RefusedFor("ALICE", "10.9.9.9"));
    }

    [Fact]
    public void A_client_address_is_refused_after_its_failures_whatever_names_it_tries()
    {
        var clock = new FakeTimeProvider();
        var throttle = new SignInThrottle(Limits, clock);

        for (var i = 0; i < Limits.ClientFailures; i++)
        {
            throttle.RecordFailure($"USER{i}", "192.0.2.7");
        }

        Assert.NotNull(throttle.RefusedFor("SOMEONE-NEW", "192.0.2.7"));
        Assert.Null(throttle.RefusedFor("SOMEONE-NEW", "192.0.2.8"));
        clock.Advance(Limits.ClientWindow + TimeSpan.FromSeconds(1));
        Assert.Null(throttle.RefusedFor("SOMEONE-NEW", "192.0.2.7"));
    }

    [Fact]
    public void A_success_clears_the_account_count()
    {
        var throttle = new SignInThrottle(Limits, new FakeTimeProvider());

        throttle.RecordFailure("ALICE", "a");
        throttle.RecordFailure("ALICE", "b");
        throttle.RecordSuccess("ALICE");
        throttle.RecordFailure("ALICE", "c");

        Assert.Null(throttle.RefusedFor("ALICE", "d"));
    }

    [Fact]
    public void Failures_report_the_moment_a_limit_is_reached()
    {
        var throttle = new SignInThrottle(Limits, new FakeTimeProvider());

        var reached = Enumerable.Range(0, Limits.AccountFailures).Select(i => throttle.RecordFailure("ALICE", $"c{i}")).ToList();

        Assert.Equal([false, false, true], reached);
    }

    [Fact]
    public void Made_up_names_from_many_addresses_cannot_grow_it_without_bound_and_locks_still_hold()
    {
        var clock = new FakeTimeProvider();
        var throttle = new SignInThrottle(Limits, clock);
        for (var i = 0; i < Limits.AccountFailures; i++)
        {
            throttle.RecordFailure("VICTIM", $"attacker-{i}");
        }

        for (var i = 0; i < 10 * Limits.MaxTrackedKeys; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            throttle.RecordFailure($"NAME{i}", $"addr-{i}");
            Assert.True(throttle.TrackedKeys <= 2 * Limits.MaxTrackedKeys);
        }

        Assert.NotNull(throttle.RefusedFor("VICTIM", "anyone"));
    }
}

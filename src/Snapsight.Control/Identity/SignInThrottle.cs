using System.Collections.Concurrent;

namespace Snapsight.Control.Identity;

/// <summary>
/// Decides, before any password is hashed, whether a sign-in attempt may go ahead: a client address
/// with too many recent failures is refused, and so is an account name that failed too often in a
/// row, for a while. Names are tracked whether or not such a user exists, so a lock says nothing
/// about existence. State is per process; docs/control/sign-in.md says what a cluster needs.
/// </summary>
public sealed class SignInThrottle(SignInLimits limits, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Window> clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Window> accounts = new(StringComparer.Ordinal);

    /// <summary>When the attempt may be retried, or null when it may go ahead now.</summary>
    public TimeSpan? RefusedFor(string normalizedUsername, string client)
    {
        var now = clock.GetUtcNow();
        var clientWait = Blocked(clients, client, limits.ClientFailures, now) ?? TimeSpan.Zero;
        var accountWait = Blocked(accounts, normalizedUsername, limits.AccountFailures, now) ?? TimeSpan.Zero;
        var wait = clientWait > accountWait ? clientWait : accountWait;
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>Counts a failure; true when it brought the client or the name to its limit.</summary>
    public bool RecordFailure(string normalizedUsername, string client)
    {
        var now = clock.GetUtcNow();
        var clientFailures = Count(clients, client, limits.ClientWindow, limits.ClientFailures, now);
        var accountFailures = Count(accounts, normalizedUsername, limits.AccountLock, limits.AccountFailures, now);
        return clientFailures == limits.ClientFailures || accountFailures == limits.AccountFailures;
    }

    public void RecordSuccess(string normalizedUsername) => accounts.TryRemove(normalizedUsername, out _);

    private static TimeSpan? Blocked(ConcurrentDictionary<string, Window> windows, string key, int limit,
        DateTimeOffset now) =>
        windows.TryGetValue(key, out var window) && window.Failures >= limit && window.Ends > now
            ? window.Ends - now
            : null;

    /// <summary>How many names and addresses are tracked now; bounded by twice <see cref="SignInLimits.MaxTrackedKeys"/>.</summary>
    internal int TrackedKeys => clients.Count + accounts.Count;

    private int Count(ConcurrentDictionary<string, Window> windows, string key, TimeSpan length, int limit, DateTimeOffset now)
    {
        if (windows.Count >= limits.MaxTrackedKeys)
        {
            Forget(windows, limit, now);
        }

        // A failure restarts the window, so a lock lasts its full length after the last failure.
        return windows.AddOrUpdate(key, _ => new Window(1, now + length),
            (_, old) => new Window(old.Ends > now ? old.Failures + 1 : 1, now + length)).Failures;
    }

    private void Forget(ConcurrentDictionary<string, Window> windows, int limit, DateTimeOffset now)
    {
        foreach (var (key, window) in windows)
        {
            if (window.Ends <= now)
            {
                windows.TryRemove(key, out _);
            }
        }

        // Still full of live entries: more names or addresses than the bound. Half are dropped to keep
        // memory bounded, those still counting towards a limit before those that reached it, so a
        // flood of made-up names cannot lift a lock.
        if (windows.Count >= limits.MaxTrackedKeys)
        {
            var victims = windows.OrderBy(pair => pair.Value.Failures >= limit).ThenBy(pair => pair.Value.Ends)
                .Take(windows.Count / 2).Select(pair => pair.Key).ToList();
            foreach (var key in victims)
            {
                windows.TryRemove(key, out _);
            }
        }
    }

    private readonly record struct Window(int Failures, DateTimeOffset Ends);
}

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
        var clientFailures = Count(clients, client, limits.ClientWindow, now);
        var accountFailures = Count(accounts, normalizedUsername, limits.AccountLock, now);
        return clientFailures == limits.ClientFailures || accountFailures == limits.AccountFailures;
    }

    public void RecordSuccess(string normalizedUsername) => accounts.TryRemove(normalizedUsername, out _);

    private static TimeSpan? Blocked(ConcurrentDictionary<string, Window> windows, string key, int limit,
        DateTimeOffset now) =>
        windows.TryGetValue(key, out var window) && window.Failures >= limit && window.Ends > now
            ? window.Ends - now
            : null;

    private int Count(ConcurrentDictionary<string, Window> windows, string key, TimeSpan length, DateTimeOffset now)
    {
        if (windows.Count >= limits.MaxTrackedKeys)
        {
            Forget(windows, now);
        }

        // A failure restarts the window, so a lock lasts its full length after the last failure.
        return windows.AddOrUpdate(key, _ => new Window(1, now + length),
            (_, old) => new Window(old.Ends > now ? old.Failures + 1 : 1, now + length)).Failures;
    }

    private void Forget(ConcurrentDictionary<string, Window> windows, DateTimeOffset now)
    {
        foreach (var (key, window) in windows)
        {
            if (window.Ends <= now)
            {
                windows.TryRemove(key, out _);
            }
        }

        // Still full of live entries: an attack with more names or addresses than the bound. Dropping
        // the oldest half keeps memory bounded; those keys start counting again.
        if (windows.Count >= limits.MaxTrackedKeys)
        {
            foreach (var (key, _) in windows.OrderBy(pair => pair.Value.Ends).Take(windows.Count / 2))
            {
                windows.TryRemove(key, out _);
            }
        }
    }

    private readonly record struct Window(int Failures, DateTimeOffset Ends);
}

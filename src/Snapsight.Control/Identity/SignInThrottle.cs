using System.Collections.Concurrent;

namespace Snapsight.Control.Identity;

/// <summary>
/// Decides, before any password is hashed, whether a sign-in attempt may go ahead: a client address
/// with too many recent failures is refused, and so is an account name that failed too often in a
/// row, for a while. Names are tracked whether or not such a user exists, so a lock says nothing
/// about existence. An admitted attempt counts as a failure at once and is taken back when it
/// succeeds, so a burst of parallel guesses cannot all slip in before the first one fails. State
/// is per process; docs/control/server.md says what a cluster needs.
/// </summary>
public sealed class SignInThrottle(SignInLimits limits, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Window> clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Window> accounts = new(StringComparer.Ordinal);

    /// <summary>How many names and addresses are tracked now; bounded by twice <see cref="SignInLimits.MaxTrackedKeys"/>.</summary>
    internal int TrackedKeys => clients.Count + accounts.Count;

    /// <summary>Admits the attempt (counting it as a failure until <see cref="Succeeded"/>), or says how long to wait.</summary>
    public SignInAdmission Begin(string normalizedUsername, string client)
    {
        var now = clock.GetUtcNow();
        if (!Admit(clients, client, limits.ClientWindow, limits.ClientFailures, now, out var clientWait, out var clientCount))
        {
            return SignInAdmission.Refused(clientWait);
        }

        if (!Admit(accounts, normalizedUsername, limits.AccountLock, limits.AccountFailures, now, out var accountWait, out var accountCount))
        {
            TakeBack(clients, client);
            return SignInAdmission.Refused(accountWait);
        }

        return SignInAdmission.Admitted(clientCount == limits.ClientFailures || accountCount == limits.AccountFailures);
    }

    /// <summary>The admitted attempt was right: it was no failure, and the name's count starts again.</summary>
    public void Succeeded(string normalizedUsername, string client)
    {
        accounts.TryRemove(normalizedUsername, out _);
        TakeBack(clients, client);
    }

    private bool Admit(ConcurrentDictionary<string, Window> windows, string key, TimeSpan length, int limit,
        DateTimeOffset now, out TimeSpan wait, out int count)
    {
        if (windows.Count >= limits.MaxTrackedKeys)
        {
            Forget(windows, limit, now);
        }

        // Compare-and-swap, so the check and the count are one step per key under concurrency.
        while (true)
        {
            Window next;
            if (windows.TryGetValue(key, out var old))
            {
                var live = old.Ends > now;
                if (live && old.Failures >= limit)
                {
                    (wait, count) = (old.Ends - now, old.Failures);
                    return false;
                }

                // A failure restarts the window, so a lock lasts its full length after the last failure.
                next = new Window(live ? old.Failures + 1 : 1, now + length);
                if (!windows.TryUpdate(key, next, old))
                {
                    continue;
                }
            }
            else
            {
                next = new Window(1, now + length);
                if (!windows.TryAdd(key, next))
                {
                    continue;
                }
            }

            (wait, count) = (TimeSpan.Zero, next.Failures);
            return true;
        }
    }

    private static void TakeBack(ConcurrentDictionary<string, Window> windows, string key)
    {
        while (windows.TryGetValue(key, out var old)
               && !windows.TryUpdate(key, old with { Failures = Math.Max(0, old.Failures - 1) }, old))
        {
        }
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

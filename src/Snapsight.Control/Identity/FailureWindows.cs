using System.Collections.Concurrent;

namespace Snapsight.Control.Identity;

/// <summary>
/// Failed sign-ins counted per key (an address, a name, a name from an address) in a window that
/// restarts with each failure. Admitting an attempt counts it at once, in one compare-and-swap, so
/// parallel attempts cannot all pass the check before any is counted; a success takes it back.
/// Memory is bounded: past <c>maxKeys</c>, expired keys go first, then those still below the limit.
/// </summary>
internal sealed class FailureWindows(int limit, TimeSpan length, int maxKeys)
{
    private readonly ConcurrentDictionary<string, Window> windows = new(StringComparer.Ordinal);

    public int Count => windows.Count;

    public int Limit => limit;

    /// <summary>Counts the attempt and answers the count, or answers false with how long the key is refused.</summary>
    public bool TryAdmit(string key, DateTimeOffset now, out TimeSpan wait, out int failures)
    {
        if (windows.Count >= maxKeys)
        {
            Forget(now);
        }

        while (true)
        {
            Window next;
            if (windows.TryGetValue(key, out var old))
            {
                var live = old.Ends > now;
                if (live && old.Failures >= limit)
                {
                    (wait, failures) = (old.Ends - now, old.Failures);
                    return false;
                }

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

            (wait, failures) = (TimeSpan.Zero, next.Failures);
            return true;
        }
    }

    public void TakeBack(string key)
    {
        while (windows.TryGetValue(key, out var old)
               && !windows.TryUpdate(key, old with { Failures = Math.Max(0, old.Failures - 1) }, old))
        {
        }
    }

    public void Clear(string key) => windows.TryRemove(key, out _);

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, window) in windows)
        {
            if (window.Ends <= now)
            {
                windows.TryRemove(key, out _);
            }
        }

        // Still full of live entries: more keys than the bound. Half are dropped, those still
        // counting towards the limit before those that reached it, so a flood of made-up keys
        // cannot lift a lock. ToArray takes a consistent snapshot: LINQ over the live dictionary
        // sizes its buffer before copying, and a removal in between leaves entries with null keys.
        if (windows.Count >= maxKeys)
        {
            var victims = windows.ToArray().OrderBy(pair => pair.Value.Failures >= limit).ThenBy(pair => pair.Value.Ends)
                .Take(windows.Count / 2).Select(pair => pair.Key).ToList();
            foreach (var key in victims)
            {
                windows.TryRemove(key, out _);
            }
        }
    }

    private readonly record struct Window(int Failures, DateTimeOffset Ends);
}

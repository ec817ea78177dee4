namespace Snapsight.Disk.Collections;

/// <summary>Lookups in lists sorted by a start offset: file runs, volume segments.</summary>
internal static class SortedSearch
{
    /// <summary>
    /// The index of the last item whose <paramref name="start"/> is at or before
    /// <paramref name="value"/>; 0 when none is (callers keep the first item starting at 0).
    /// The list must be non-empty and sorted by start.
    /// </summary>
    public static int LastStartingAtOrBefore<T>(IReadOnlyList<T> items, long value, Func<T, long> start)
    {
        int low = 0, high = items.Count - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (start(items[middle]) <= value)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }
}

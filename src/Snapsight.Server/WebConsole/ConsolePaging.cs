using Microsoft.EntityFrameworkCore;
using Snapsight.Server.Api;

namespace Snapsight.Server.WebConsole;

/// <summary>
/// Paging for the console's largest lists, where an exact count would cost more than the page: the
/// count stops at <see cref="CountCap"/> rows past the page (the pager then says "more than 10,000"),
/// and grouped lists fetch one row past the page instead of counting at all. Counting a million
/// findings takes the database most of a second; a page of them a few milliseconds (docs/performance.md).
/// </summary>
public static class ConsolePaging
{
    public const int CountCap = 10_000;

    /// <summary>One page of <paramref name="ordered"/>; the total counts <paramref name="filtered"/> (the same rows unordered) up to the cap.</summary>
    public static async Task<(Page<T> Page, PagerView Pager)> CappedAsync<T>(IQueryable<T> filtered, IOrderedQueryable<T> ordered,
        int? offset, CancellationToken ct)
    {
        var start = Math.Max(0, offset ?? 0);
        const int size = Paging.DefaultLimit;
        var counted = await filtered.Take(Math.Max(CountCap, start + size) + 1).CountAsync(ct).ConfigureAwait(false);
        var rows = await ordered.Skip(start).Take(size).ToListAsync(ct).ConfigureAwait(false);
        var page = new Page<T>(rows, counted, start, size);
        return (page, PagerView.Of(page) with { Open = counted > Math.Max(CountCap, start + size) });
    }

    /// <summary>One page of <paramref name="ordered"/> with no count: the total is what was seen, open when a row lay past the page.</summary>
    public static async Task<(Page<T> Page, PagerView Pager)> LookaheadAsync<T>(IQueryable<T> ordered, int? offset, CancellationToken ct)
    {
        var start = Math.Max(0, offset ?? 0);
        const int size = Paging.DefaultLimit;
        var rows = await ordered.Skip(start).Take(size + 1).ToListAsync(ct).ConfigureAwait(false);
        var page = new Page<T>(rows.Take(size).ToList(), start + rows.Count, start, size);
        return (page, PagerView.Of(page) with { Open = rows.Count > size });
    }
}

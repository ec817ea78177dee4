using Microsoft.EntityFrameworkCore;

namespace Snapsight.Server.Api;

/// <summary>
/// <c>?offset=&amp;limit=</c> on every list: the limit defaults to 50 and is held to at most 500, so no
/// request can make the server materialise a whole table.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static async Task<Page<TOut>> PageAsync<TIn, TOut>(
        IQueryable<TIn> ordered, int? offset, int? limit, Func<TIn, TOut> shape, CancellationToken ct)
    {
        var start = Math.Max(0, offset ?? 0);
        var size = Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);
        var total = await ordered.CountAsync(ct).ConfigureAwait(false);
        var rows = await ordered.Skip(start).Take(size).ToListAsync(ct).ConfigureAwait(false);
        return new Page<TOut>(rows.Select(shape).ToList(), total, start, size);
    }
}

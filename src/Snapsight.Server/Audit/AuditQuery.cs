using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;

namespace Snapsight.Server.Audit;

/// <summary>The audit log newest first, filtered by exact action and actor and a time range: the API's list and the console's page.</summary>
public static class AuditQuery
{
    public static IOrderedQueryable<AuditEntry> List(ControlDbContext db, string? action, string? actor, DateTimeOffset? from,
        DateTimeOffset? to)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (action is not null)
        {
            entries = entries.Where(e => e.Action == action);
        }

        if (actor is not null)
        {
            entries = entries.Where(e => e.Actor == actor);
        }

        if (from is { } start)
        {
            var since = start.UtcDateTime;
            entries = entries.Where(e => e.At >= since);
        }

        if (to is { } end)
        {
            var until = end.UtcDateTime;
            entries = entries.Where(e => e.At <= until);
        }

        return entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id);
    }
}

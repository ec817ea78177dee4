using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Persistence;

namespace Snapsight.Control.Scans;

/// <summary>
/// The background work (driving runs, sweeping snapshots) acts for every subscription in turn. This
/// is the one place it looks across them: it lists their ids, and each is then worked on in a scope
/// of its own with the tenant filters on.
/// </summary>
internal static class AllSubscriptions
{
    public static Task<List<Guid>> IdsAsync(ControlDbContext db, CancellationToken ct) =>
        db.Subscriptions.IgnoreQueryFilters().AsNoTracking().OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
}

using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Assets;
using Snapsight.Control.Persistence;

namespace Snapsight.Control.Scheduling;

/// <summary>
/// Which of the caller's assets are due for a scan, in what order, and what the scan workflow may
/// start next. An activated, running asset is due when it was never scanned, when a scan was
/// requested (an instance event), or when its last scan completed at least the subscription's
/// interval ago (never less than 24 h). Never-scanned assets come first, then requested ones, then
/// the longest unscanned. The service account's tag filters and exclusion tags apply. The schedule
/// is two columns of the asset, so it survives restarts (docs/control/discovery-and-scheduling.md).
/// </summary>
public sealed class ScanSchedule(ControlDbContext db, TimeProvider clock)
{
    /// <summary>The most assets one call answers.</summary>
    public const int MaxBatch = 500;

    private const int PageSize = 200;

    public async Task<TimeSpan> IntervalAsync(CancellationToken ct) =>
        ScanInterval.Of(await db.Subscriptions.Select(s => s.ScanIntervalHours).SingleAsync(ct).ConfigureAwait(false));

    /// <summary>The first <paramref name="max"/> due assets, in schedule order.</summary>
    public async Task<IReadOnlyList<Asset>> DueAsync(int max, CancellationToken ct)
    {
        var due = await DueQueryAsync(ct).ConfigureAwait(false);
        return await due.Take(Math.Clamp(max, 0, MaxBatch)).ToListAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The next assets to scan, in schedule order: at most <paramref name="max"/>, none of those
    /// already <paramref name="running"/>, and no account and region with more than
    /// <paramref name="perScopeLimit"/> scans counting the running ones (the service account's
    /// scanner concurrency is the natural value). <paramref name="eligible"/>, when given, narrows the
    /// due list in the database, so assets the caller would pass over take no place in the plan.
    /// The assets answered are not tracked.
    /// </summary>
    public async Task<IReadOnlyList<Asset>> PlanAsync(int perScopeLimit, IReadOnlyCollection<RunningScan> running, int max, CancellationToken ct,
        Expression<Func<Asset, bool>>? eligible = null)
    {
        ArgumentNullException.ThrowIfNull(running);
        max = Math.Clamp(max, 0, MaxBatch);
        var due = await DueQueryAsync(ct).ConfigureAwait(false);
        if (eligible is not null)
        {
            due = due.Where(eligible);
        }

        // What the plan cannot take is left in the database: assets already running, and every asset of
        // an account and region that is full. The planner runs at every pass of the workflow, and a
        // large fleet is mostly due and mostly in full scopes, so this is most of the list.
        var busy = running.Select(r => r.AssetId).ToList();
        var full = running.GroupBy(r => r.Scope).Where(g => g.Count() >= perScopeLimit).Select(g => $"{g.Key.AccountId}/{g.Key.Region}").ToList();
        due = due.AsNoTracking().Where(a => !busy.Contains(a.Id) && !full.Contains(a.CloudAccountId + "/" + a.Region));

        var plan = new List<Asset>();
        var taken = new List<RunningScan>(running);
        // Page through the due list; each page is planned with what is running plus what is already planned.
        for (var skip = 0; plan.Count < max; skip += PageSize)
        {
            var page = await due.Skip(skip).Take(PageSize).ToListAsync(ct).ConfigureAwait(false);
            var picked = ScanPlanner.Take(page, Key, perScopeLimit, taken, max - plan.Count);
            plan.AddRange(picked);
            taken.AddRange(picked.Select(a => new RunningScan(a.Id, Key(a).Scope)));
            if (page.Count < PageSize)
            {
                break;
            }
        }

        return plan;
    }

    /// <summary>
    /// Records that a scan of the asset completed: the interval counts from <paramref name="completedAt"/>,
    /// and a scan request made before then is answered. An older completion changes nothing, so a
    /// replayed step is harmless. Saves through the caller's context (inside its transaction, if it has one);
    /// false when the asset is not the caller's.
    /// </summary>
    public async Task<bool> MarkScannedAsync(Guid assetId, DateTimeOffset completedAt, CancellationToken ct)
    {
        var asset = await db.Assets.SingleOrDefaultAsync(a => a.Id == assetId, ct).ConfigureAwait(false);
        if (asset is null)
        {
            return false;
        }

        var completed = completedAt.UtcDateTime;
        if (asset.LastScanCompletedAt is null || completed > asset.LastScanCompletedAt)
        {
            asset.LastScanCompletedAt = completed;
        }

        if (asset.ScanRequestedAt <= completed)
        {
            asset.ScanRequestedAt = null;
        }

        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Makes the (tracked) asset due at once; the caller saves.</summary>
    public void RequestScan(Asset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        asset.ScanRequestedAt = clock.GetUtcNow().UtcDateTime;
    }

    private static (Guid Id, AccountRegion Scope) Key(Asset asset) => (asset.Id, new AccountRegion(asset.CloudAccountId, asset.Region));

    private async Task<IQueryable<Asset>> DueQueryAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - await IntervalAsync(ct).ConfigureAwait(false);
        var service = await db.ServiceAccounts.AsNoTracking().SingleOrDefaultAsync(ct).ConfigureAwait(false);
        var candidates = db.Assets.Where(a => a.Activation == AssetActivation.Activated && a.State == AssetState.Running
            && (a.LastScanCompletedAt == null || a.ScanRequestedAt != null || a.LastScanCompletedAt <= cutoff));
        return ScanTagFilter.Of(service).Apply(candidates)
            .OrderBy(a => a.LastScanCompletedAt == null ? 0 : a.ScanRequestedAt != null ? 1 : 2)
            .ThenBy(a => a.LastScanCompletedAt).ThenBy(a => a.FirstSeenAt).ThenBy(a => a.Id);
    }
}

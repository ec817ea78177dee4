using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Persistence;

namespace Snapsight.Control.Scans;

/// <summary>
/// Starts runs (what the planner calls) and finds the ones that are due, in the caller's subscription.
/// </summary>
public sealed class ScanRuns(ControlDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Starts a run for the asset, or answers the one already active: at most one run per asset is
    /// active, decided by a unique index, so racing starts end with one run. Null when there is no such asset.
    /// </summary>
    public async Task<ScanRun?> StartAsync(Guid assetId, CancellationToken ct)
    {
        if (await ActiveAsync(assetId, ct).ConfigureAwait(false) is { } active)
        {
            return active;
        }

        var asset = await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assetId, ct).ConfigureAwait(false);
        if (asset is null)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var run = new ScanRun
        {
            Id = Guid.NewGuid(),
            SubscriptionId = asset.SubscriptionId,
            AssetId = asset.Id,
            ActiveAssetId = asset.Id,
            CloudAccountId = asset.CloudAccountId,
            Region = asset.Region,
            InstanceId = asset.InstanceId,
            State = ScanRunState.Planned,
            NextAttemptAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.ScanRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            return run;
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Another start won the race: answer its run.
            db.Entry(run).State = EntityState.Detached;
            return await ActiveAsync(assetId, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The active run of the asset, or null.</summary>
    public Task<ScanRun?> ActiveAsync(Guid assetId, CancellationToken ct) =>
        db.ScanRuns.SingleOrDefaultAsync(r => r.ActiveAssetId == assetId, ct);

    /// <summary>Ids of unfinished runs whose next attempt is due, the longest waiting first.</summary>
    public Task<List<Guid>> DueAsync(int limit, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.ScanRuns.Where(r => r.FinishedAt == null && r.NextAttemptAt <= now)
            .OrderBy(r => r.NextAttemptAt).ThenBy(r => r.Id).Select(r => r.Id).Take(limit).ToListAsync(ct);
    }

    /// <summary>When the earliest unfinished run is next due, or null when none is unfinished.</summary>
    public Task<DateTime?> NextDueAsync(CancellationToken ct) =>
        db.ScanRuns.Where(r => r.FinishedAt == null).MinAsync(r => (DateTime?)r.NextAttemptAt, ct);
}

using Microsoft.EntityFrameworkCore;
using Snapsight.Cloud.Aws.Templates;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scheduling;

namespace Snapsight.Control.Scans;

/// <summary>
/// Turns the schedule into runs, in the caller's subscription: asks <see cref="ScanSchedule"/> for
/// the due assets the per-account-and-region bound allows (the service account's scanner
/// concurrency, counting the runs already active) and starts a run for each whose connector has
/// zero-touch snapshot scanning on. An asset whose last run failed or was skipped is left alone
/// for <see cref="ScanWorkflowOptions.RetryEndedAfter"/>, so a machine that cannot be scanned is
/// not snapshotted again at every pass, unless a scan was requested (on demand, or by an instance
/// event) after that run ended.
/// </summary>
public sealed class ScanStarter(ControlDbContext db, ScanSchedule schedule, ScanRuns runs, ScanWorkflowOptions options, TimeProvider clock)
{
    /// <summary>Starts the runs the schedule allows now; answers how many were started.</summary>
    public async Task<int> StartDueAsync(CancellationToken ct)
    {
        var concurrency = await db.ServiceAccounts.Select(s => (int?)s.ScannerConcurrency).SingleOrDefaultAsync(ct).ConfigureAwait(false);
        var perScopeLimit = concurrency is > 0 ? concurrency.Value : TemplateRequest.DefaultScannerConcurrency;
        var running = await db.ScanRuns.Where(r => r.ActiveAssetId != null)
            .Select(r => new { r.AssetId, r.CloudAccountId, r.Region }).ToListAsync(ct).ConfigureAwait(false);
        var since = clock.GetUtcNow().UtcDateTime - options.RetryEndedAfter;
        var zeroTouch = await db.Connectors.Where(c => c.ZeroTouchSnapshot).Select(c => (Guid?)c.Id).ToListAsync(ct).ConfigureAwait(false);

        var plan = await schedule.PlanAsync(perScopeLimit,
            [.. running.Select(r => new RunningScan(r.AssetId, new AccountRegion(r.CloudAccountId, r.Region)))],
            options.RunsPerPass, ct, a => zeroTouch.Contains(a.ConnectorId) && !db.ScanRuns.Any(r => r.AssetId == a.Id
                && r.FinishedAt > since && r.State != ScanRunState.Done && (a.ScanRequestedAt == null || r.FinishedAt >= a.ScanRequestedAt)))
            .ConfigureAwait(false);
        var started = 0;
        foreach (var asset in plan)
        {
            started += await runs.StartAsync(asset.Id, ct).ConfigureAwait(false) is not null ? 1 : 0;
        }

        return started;
    }
}

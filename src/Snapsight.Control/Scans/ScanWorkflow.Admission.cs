using Microsoft.EntityFrameworkCore;

namespace Snapsight.Control.Scans;

public sealed partial class ScanWorkflow
{
    /// <summary>
    /// Whether the run's set may be made now (null) or must wait, and why: our pending snapshots in
    /// the account and region would pass <see cref="ScanWorkflowOptions.MaxPendingSnapshotsPerScope"/>
    /// (EC2's limit is 100, shared with the customer), or another unfinished run holds a scan snapshot
    /// of one of its volumes (one at a time per volume, of the 5 EC2 allows). Counted from the runs in
    /// the database, which record every set before it is made; a set alone larger than the cap goes
    /// when nothing else is pending, so no run waits for ever.
    /// </summary>
    private async Task<(string Reason, string Message)?> AdmissionAsync(ScanRun run, CancellationToken ct)
    {
        var others = await db.ScanRuns.AsNoTracking()
            .Where(r => r.Id != run.Id && r.FinishedAt == null && r.CloudAccountId == run.CloudAccountId && r.Region == run.Region
                && r.State != ScanRunState.Planned)
            .Select(r => new { r.State, r.VolumeIds, r.SnapshotIds }).ToListAsync(ct).ConfigureAwait(false);
        var pending = others.Where(r => r.State == ScanRunState.SnapshotsRequested).Sum(r => r.SnapshotIds.Count);
        if (pending > 0 && pending + run.VolumeIds.Count > options.MaxPendingSnapshotsPerScope)
        {
            return (ScanWaitReasons.PendingSnapshotLimit,
                $"{pending} snapshots of ours are pending in {TargetScope(run)}; {run.VolumeIds.Count} more would pass the limit of {options.MaxPendingSnapshotsPerScope}");
        }

        var busy = others.SelectMany(r => r.VolumeIds).FirstOrDefault(v => run.VolumeIds.Contains(v, StringComparer.Ordinal));
        return busy is null
            ? null
            : (ScanWaitReasons.VolumeSnapshotInProgress, $"another scan holds a snapshot of volume {busy}; one at a time per volume");
    }
}

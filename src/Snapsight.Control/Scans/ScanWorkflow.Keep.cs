using Snapsight.Cloud.Provider;

namespace Snapsight.Control.Scans;

public sealed partial class ScanWorkflow
{
    /// <summary>
    /// After a successful scan, when the provider reads incrementally: marks each snapshot of the set
    /// kept (by tags, with a new expiry, so the sweeper can tell without the database), commits it to
    /// the reader's block cache as its volume's last scanned snapshot, then deletes the volume's kept
    /// snapshots past the retention limit. Answers the ids kept. Each part is idempotent, so a crash
    /// repeats the whole step harmlessly; a failed run never comes here, so it never commits.
    /// </summary>
    private async Task<HashSet<string>> KeepScannedAsync(ScanRun run, CancellationToken ct)
    {
        var scope = TargetScope(run);
        var reader = await ReaderScopeAsync(run, ct).ConfigureAwait(false);
        var tags = RunSnapshotTags.ForKeeping(clock.GetUtcNow() + options.KeptSnapshotLifetime);
        var kept = new HashSet<string>(StringComparer.Ordinal);
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (volumeId, snapshotId) in run.VolumeIds.Zip(run.SnapshotIds))
        {
            await cloud.TagSnapshotAsync(scope, snapshotId, tags, ct).ConfigureAwait(false);
            named.UnionWith(await cloud.CommitScanAsync(reader, volumeId, snapshotId, ct).ConfigureAwait(false));
            kept.Add(snapshotId);
        }

        // By the tags as well as by the provider's word: its cache may have been lost, and it may name only snapshots that are ours.
        var ours = (await cloud.ListSnapshotsByTagsAsync(scope, RunSnapshotTags.OfKept(run.SubscriptionId), ct).ConfigureAwait(false))
            .Where(s => run.VolumeIds.Contains(s.VolumeId, StringComparer.Ordinal)).ToList();
        var doomed = KeptSnapshots.PastRetention(ours, cloud.KeptSnapshotsPerVolume).Select(s => s.Id)
            .Concat(ours.Select(s => s.Id).Where(named.Contains))
            .Where(id => !kept.Contains(id)).Distinct(StringComparer.Ordinal);
        foreach (var id in doomed)
        {
            await DeleteAsync(scope, id, ct).ConfigureAwait(false);
        }

        return kept;
    }
}

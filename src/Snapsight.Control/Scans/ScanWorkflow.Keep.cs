using Snapsight.Cloud.Provider;

namespace Snapsight.Control.Scans;

public sealed partial class ScanWorkflow
{
    /// <summary>
    /// After a successful scan, when the provider reads incrementally: marks each snapshot of the set
    /// kept (by tags, with a new expiry, so the sweeper can tell without the database), commits it to
    /// the reader's block cache as its volume's last scanned snapshot, then deletes the volume's kept
    /// snapshots past the retention limit. Answers the ids kept. Each part is idempotent, so a crash
    /// repeats the whole step harmlessly; a failed run never comes here, so it never commits. A role
    /// that may not tag (a template older than incremental rescans) keeps nothing: the set is then
    /// deleted like any other run's.
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
            try
            {
                await cloud.TagSnapshotAsync(scope, snapshotId, tags, ct).ConfigureAwait(false);
            }
            catch (CloudProviderException e) when (e.Code == CloudErrorCode.AccessDenied)
            {
                // A target template from before incremental rescans may not tag: keep nothing, delete as before, never retry for ever.
                run.LastError = Truncate($"the scanned snapshots could not be kept, so the next scan reads in full: {e.Message}");
                return [];
            }

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

using Snapsight.Cloud.Provider;

namespace Snapsight.Control.Scans;

public sealed partial class ScanWorkflow
{
    /// <summary>
    /// Scans the set and hands the result to the sink, then records that it did. A crash between
    /// the two scans again and stores again, which the sink ignores for a run it holds.
    /// </summary>
    private async Task ScanAsync(ScanRun run, CancellationToken ct)
    {
        var reader = await ReaderScopeAsync(run, ct).ConfigureAwait(false);
        ScanOutput output;
        try
        {
            output = await executor.ScanAsync(new ScanRequest(run.Id, reader, run.SnapshotIds), ct).ConfigureAwait(false);
        }
        catch (ScanRefusedException e)
        {
            End(run, ScanRunState.Failed, e.ReasonCode, e.Message);
            return;
        }
        catch (Exception e) when (e is InvalidDataException || (e is IOException && e is not CloudProviderException))
        {
            End(run, ScanRunState.Failed, ScanReasons.ScanFailed, e.Message);
            return;
        }

        try
        {
            await sink.StoreAsync(run.SubscriptionId, run.AssetId, run.Id, output, ct).ConfigureAwait(false);
        }
        catch (InvalidFieldException e)
        {
            // The result breaks the store's bounds (a hostile disk can make it so): another try would too.
            End(run, ScanRunState.Failed, ScanReasons.ScanFailed, $"the scan's result was refused: {e.Message}");
            return;
        }

        await Advance(run, ScanRunState.ResultsStored).ConfigureAwait(false);
    }

    /// <summary>
    /// Keeps the scanned set when the scan succeeded, the provider reads incrementally and the run did
    /// not copy (<see cref="KeepScannedAsync"/>), then deletes every other snapshot tagged with the run (by
    /// tag, not by the recorded ids, so one made by a step whose save was lost goes too), then moves
    /// to the end the run is heading for. Copies are never kept: a copy does not name its volume (AWS
    /// gives it a placeholder volume id), so retention could never tell which kept copy a newer one
    /// supersedes, and every rescan would leave one more.
    /// </summary>
    private async Task CleanUpAsync(ScanRun run, CancellationToken ct)
    {
        var scope = TargetScope(run);
        var kept = run.Ending is null && cloud.KeptSnapshotsPerVolume > 0 && !CopiesBeforeSharing(run) && run.SnapshotIds.Count == run.VolumeIds.Count
            ? await KeepScannedAsync(run, ct).ConfigureAwait(false)
            : [];
        var tagged = await cloud.ListSnapshotsByTagsAsync(scope, RunSnapshotTags.OfRun(run.SubscriptionId, run.Id), ct).ConfigureAwait(false);
        foreach (var snapshot in tagged.Where(s => !kept.Contains(s.Id)))
        {
            await DeleteAsync(scope, snapshot.Id, ct).ConfigureAwait(false);
        }

        if (run.Ending is { } ending)
        {
            await Finish(run, ending).ConfigureAwait(false);
        }
        else
        {
            await Advance(run, ScanRunState.CleanedUp).ConfigureAwait(false);
        }
    }
}

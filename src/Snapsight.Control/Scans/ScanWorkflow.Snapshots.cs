using Microsoft.EntityFrameworkCore;
using Snapsight.Cloud;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Accounts;

namespace Snapsight.Control.Scans;

public sealed partial class ScanWorkflow
{
    /// <summary>
    /// Finds the run's snapshot set by its tags, or creates it tagged from the start. A crash after
    /// the creation and before the save leaves a tagged set this step finds the next time, so a run
    /// never has two. A partial set (a crash of the provider while publishing) is deleted and made again.
    /// </summary>
    private async Task FindOrCreateSetAsync(ScanRun run, CancellationToken ct)
    {
        var scope = TargetScope(run);
        var found = await cloud.ListSnapshotsByTagsAsync(scope, RunSnapshotTags.OfRun(run.SubscriptionId, run.Id), ct).ConfigureAwait(false);
        var set = InVolumeOrder(found, run.VolumeIds);
        if (set is null && await AdmissionAsync(run, ct).ConfigureAwait(false) is { } wait)
        {
            run.WaitReason = wait.Reason;
            run.WaitDetail = wait.Message;
            run.NextAttemptAt = Now + options.AdmissionWait;
            return;
        }

        (run.WaitReason, run.WaitDetail) = (null, null);
        if (set is null)
        {
            foreach (var partial in found)
            {
                await DeleteAsync(scope, partial.Id, ct).ConfigureAwait(false);
            }

            var expires = clock.GetUtcNow() + options.SnapshotLifetime;
            var created = await cloud.CreateSnapshotSetAsync(scope, run.InstanceId,
                RunSnapshotTags.ForCreation(run.SubscriptionId, run.Id, expires), ct).ConfigureAwait(false);
            // The set is in the instance's volume order now, which may differ from the plan's if volumes changed meanwhile.
            run.VolumeIds = [.. created.Select(s => s.VolumeId)];
            set = created;
        }

        run.SnapshotIds = [.. set.Select(s => s.Id)];
        run.NextAttemptAt = Now;
    }

    /// <summary>The snapshots ordered as <paramref name="volumeIds"/>, or null unless there is exactly one per volume.</summary>
    private static IReadOnlyList<CloudSnapshot>? InVolumeOrder(IReadOnlyList<CloudSnapshot> snapshots, List<string> volumeIds)
    {
        if (snapshots.Count != volumeIds.Count || snapshots.Count == 0)
        {
            return null;
        }

        var byVolume = snapshots.GroupBy(s => s.VolumeId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return volumeIds.All(v => byVolume.TryGetValue(v, out var list) && list.Count == 1)
            ? [.. volumeIds.Select(v => byVolume[v][0])]
            : null;
    }

    /// <summary>Describes the set: completed moves on, an error or a set pending too long ends the run, else polls again later.</summary>
    private async Task AwaitSetAsync(ScanRun run, CancellationToken ct)
    {
        var scope = TargetScope(run);
        var pending = 0;
        var copied = true;
        foreach (var id in run.SnapshotIds)
        {
            var snapshot = await cloud.DescribeSnapshotAsync(scope, id, ct).ConfigureAwait(false);
            if (snapshot.State == SnapshotState.Error)
            {
                End(run, ScanRunState.Failed, ScanReasons.SnapshotFailed,
                    $"snapshot {id} of volume {snapshot.VolumeId} failed: {snapshot.StateMessage ?? "no reason given"}");
                return;
            }

            pending += snapshot.State == SnapshotState.Pending ? 1 : 0;
            copied &= snapshot.Tags.ContainsKey(SnapshotTags.CopyOf);
        }

        if (pending == 0 && CopiesBeforeSharing(run) && !copied)
        {
            await CopySetAsync(run, ct).ConfigureAwait(false);
        }
        else if (pending == 0)
        {
            // Read in place has nothing to share: the intent saved next is the scan's.
            await Advance(run, ReadsInPlace(run) ? ScanRunState.Scanning : ScanRunState.SnapshotsCompleted).ConfigureAwait(false);
        }
        else if (Now - (run.SnapshotsRequestedAt ?? run.CreatedAt) is var pendingFor && pendingFor >= options.SnapshotTimeout)
        {
            End(run, ScanRunState.Failed, ScanReasons.SnapshotFailed,
                $"{pending} of {run.SnapshotIds.Count} snapshots still pending after {options.SnapshotTimeout}");
        }
        else
        {
            run.NextAttemptAt = Now + options.SnapshotPollDelay(pendingFor);
        }
    }

    /// <summary>
    /// Copy-and-share: the completed set's copies become the run's snapshots, awaited like the set was
    /// (the sources stay tagged with the run, so cleanup and the sweeper delete them too). A copy made
    /// by a step whose save was lost is found by its tag instead of being made again.
    /// </summary>
    private async Task CopySetAsync(ScanRun run, CancellationToken ct)
    {
        var copies = new List<string>(run.SnapshotIds.Count);
        foreach (var id in run.SnapshotIds)
        {
            copies.Add((await cloud.CopySnapshotAsync(TargetScope(run), id, ct).ConfigureAwait(false)).Id);
        }

        run.SnapshotIds = copies;
        run.NextAttemptAt = Now;
    }

    private static bool CopiesBeforeSharing(ScanRun run) => AccessOf(run) == SnapshotAccess.CopyAndShareToServiceAccount;

    /// <summary>
    /// Lets the reader read the set when it is another account (sharing is idempotent, so a repeat is
    /// harmless). A run that reads in place never comes here: its completed set goes straight to scanning.
    /// </summary>
    private async Task ShareAsync(ScanRun run, CancellationToken ct)
    {
        var reader = await ReaderScopeAsync(run, ct).ConfigureAwait(false);
        if (reader.AccountId != run.CloudAccountId)
        {
            foreach (var id in run.SnapshotIds)
            {
                await cloud.ShareSnapshotAsync(TargetScope(run), id, reader.AccountId, ct).ConfigureAwait(false);
            }
        }

        await Advance(run, ScanRunState.Shared).ConfigureAwait(false);
    }

    private static bool ReadsInPlace(ScanRun run) => AccessOf(run) == SnapshotAccess.ReadInPlace;

    /// <summary>The mode the run was planned with; every step after planning has one.</summary>
    private static SnapshotAccess AccessOf(ScanRun run) =>
        run.SnapshotAccess ?? throw new InvalidOperationException($"run {run.Id} is {run.State} without a snapshot access: it was never planned");

    /// <summary>
    /// Who reads the snapshots: the target itself when the run reads in place; otherwise the
    /// subscription's service account in the run's region, or the target without one.
    /// </summary>
    private async Task<CloudScope> ReaderScopeAsync(ScanRun run, CancellationToken ct) => ReadsInPlace(run)
        ? TargetScope(run)
        : new((await ServiceAccountAsync(ct).ConfigureAwait(false))?.AccountId ?? run.CloudAccountId, run.Region) { Subscription = run.SubscriptionId };

    /// <summary>
    /// The subscription's service account, read once per workflow (a scope): the steps a run takes in
    /// a row (sharing, then scanning) ask for it each.
    /// </summary>
    private async Task<ServiceAccount?> ServiceAccountAsync(CancellationToken ct)
    {
        if (!serviceAccountRead)
        {
            serviceAccount = await db.ServiceAccounts.AsNoTracking().SingleOrDefaultAsync(ct).ConfigureAwait(false);
            serviceAccountRead = true;
        }

        return serviceAccount;
    }

    /// <summary>Deletes one snapshot; one already gone is what deletion wanted.</summary>
    private async Task DeleteAsync(CloudScope scope, string snapshotId, CancellationToken ct)
    {
        try
        {
            await cloud.DeleteSnapshotAsync(scope, snapshotId, ct).ConfigureAwait(false);
        }
        catch (CloudProviderException e) when (e.Code == CloudErrorCode.NotFound)
        {
            // Deleted meanwhile (by the sweeper, or by a step repeated after a crash).
        }
    }
}

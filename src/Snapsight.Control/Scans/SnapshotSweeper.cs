using Microsoft.EntityFrameworkCore;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Persistence;

namespace Snapsight.Control.Scans;

/// <summary>
/// Deletes the caller's subscription's leftover snapshots: in every region of every registered
/// target account, each snapshot tagged with the product and the subscription's hash whose expiry
/// has passed, whose run is finished, or whose run the database does not know (a run is saved
/// before its snapshots are made, so an unknown run can never come back for them). Kept: a snapshot
/// of an unfinished run before its expiry, and a snapshot tagged kept (the last scanned of its
/// volume, for incremental rescans) before its expiry whose volume is still attached to a live
/// instance, within the provider's retention limit per volume (<see cref="KeptSnapshots"/>). The
/// decision needs only the tags and the cloud, so it works with no run in the database at all.
/// </summary>
public sealed class SnapshotSweeper(ControlDbContext db, ICloudProvider cloud, TimeProvider clock)
{
    public async Task<SweepReport> SweepAsync(Guid subscriptionId, CancellationToken ct)
    {
        var report = new SweepReport();
        foreach (var scope in await ScopesAsync(subscriptionId, ct).ConfigureAwait(false))
        {
            try
            {
                await SweepAsync(scope, subscriptionId, report, ct).ConfigureAwait(false);
            }
            catch (CloudProviderException e)
            {
                // One unreachable account or region must not stop the others; the next sweep tries again.
                report.Errors.Add($"{scope}: {e.Message}");
            }
        }

        return report;
    }

    private async Task SweepAsync(CloudScope scope, Guid subscriptionId, SweepReport report, CancellationToken ct)
    {
        var tagged = await cloud.ListSnapshotsByTagsAsync(scope, RunSnapshotTags.OfSubscription(subscriptionId), ct).ConfigureAwait(false);
        if (tagged.Count == 0)
        {
            return;
        }

        var runIds = tagged.Select(s => RunSnapshotTags.Run(s.Tags)).OfType<Guid>().Distinct().ToList();
        var unfinished = (await db.ScanRuns.Where(r => runIds.Contains(r.Id) && r.FinishedAt == null)
            .Select(r => r.Id).ToListAsync(ct).ConfigureAwait(false)).ToHashSet();
        var now = clock.GetUtcNow();
        bool Expired(CloudSnapshot s) => RunSnapshotTags.Expires(s.Tags) is not { } expires || expires <= now;
        var retained = await RetainedAsync(scope, [.. tagged.Where(s => RunSnapshotTags.IsKept(s.Tags) && !Expired(s))], ct).ConfigureAwait(false);
        foreach (var snapshot in tagged)
        {
            var runActive = RunSnapshotTags.Run(snapshot.Tags) is { } run && unfinished.Contains(run);
            if (!Expired(snapshot) && (runActive || retained.Contains(snapshot.Id)))
            {
                report.Kept.Add(snapshot.Id);
                continue;
            }

            try
            {
                await cloud.DeleteSnapshotAsync(scope, snapshot.Id, ct).ConfigureAwait(false);
                report.Deleted.Add(snapshot.Id);
            }
            catch (CloudProviderException e) when (e.Code == CloudErrorCode.NotFound)
            {
                // Its run's cleanup was quicker.
            }
        }
    }

    /// <summary>The kept snapshots that stay: of a volume still attached to a live instance, within the retention limit.</summary>
    private async Task<HashSet<string>> RetainedAsync(CloudScope scope, List<CloudSnapshot> kept, CancellationToken ct)
    {
        if (kept.Count == 0 || cloud.KeptSnapshotsPerVolume == 0)
        {
            return [];
        }

        var live = (await cloud.ListInstancesAsync(scope, ct).ConfigureAwait(false))
            .Where(i => i.State is not (InstanceState.Terminated or InstanceState.ShuttingDown))
            .SelectMany(i => i.Volumes).Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        var ofLiveVolumes = kept.Where(s => live.Contains(s.VolumeId)).ToList();
        var past = KeptSnapshots.PastRetention(ofLiveVolumes, cloud.KeptSnapshotsPerVolume).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        return [.. ofLiveVolumes.Select(s => s.Id).Where(id => !past.Contains(id))];
    }

    /// <summary>Every registered target account with each region it or its connector names, acted in as the subscription registered it.</summary>
    private async Task<List<CloudScope>> ScopesAsync(Guid subscriptionId, CancellationToken ct)
    {
        var accounts = await db.TargetAccounts.AsNoTracking()
            .Join(db.Connectors.AsNoTracking(), a => a.ConnectorId, c => c.Id, (a, c) => new { a.AccountId, a.Regions, ConnectorRegions = c.Regions })
            .ToListAsync(ct).ConfigureAwait(false);
        return [.. accounts
            .SelectMany(a => a.Regions.Concat(a.ConnectorRegions).Distinct(StringComparer.Ordinal)
                .Where(CloudScope.IsRegion).Select(region => new CloudScope(a.AccountId, region) { Subscription = subscriptionId }))
            .Distinct()];
    }
}

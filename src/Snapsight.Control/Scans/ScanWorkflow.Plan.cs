using Microsoft.EntityFrameworkCore;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Assets;

namespace Snapsight.Control.Scans;

public sealed partial class ScanWorkflow
{
    /// <summary>
    /// Checks that the asset may and can be scanned, records its volumes, and saves the intent to
    /// snapshot them. Only reads: a repeat after a crash costs one more listing.
    /// </summary>
    private async Task PlanAsync(ScanRun run, CancellationToken ct)
    {
        var asset = await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == run.AssetId, ct).ConfigureAwait(false);
        if (asset is null || asset.State == AssetState.Terminated)
        {
            End(run, ScanRunState.Skipped, ScanReasons.InstanceTerminated, $"asset {run.InstanceId} is terminated or no longer known");
            return;
        }

        if (asset.Activation != AssetActivation.Activated)
        {
            End(run, ScanRunState.Skipped, ScanReasons.LicenceExhausted, $"asset {run.InstanceId} is not activated for scanning");
            return;
        }

        // One instance, not the region's list: a run per asset listing its whole region would cost the square of the fleet.
        CloudInstance? instance;
        try
        {
            instance = await cloud.DescribeInstanceAsync(TargetScope(run), run.InstanceId, ct).ConfigureAwait(false);
        }
        catch (CloudProviderException e) when (e.Code == CloudErrorCode.NotFound)
        {
            instance = null;
        }

        if (instance is null || instance.State is InstanceState.Terminated or InstanceState.ShuttingDown)
        {
            End(run, ScanRunState.Skipped, ScanReasons.InstanceTerminated, $"instance {run.InstanceId} is gone from {TargetScope(run)}");
            return;
        }

        if (await ExclusionTagAsync(instance, ct).ConfigureAwait(false) is { } tag)
        {
            End(run, ScanRunState.Skipped, ScanReasons.ExcludedByTag, $"instance {run.InstanceId} carries the exclusion tag {tag}");
            return;
        }

        if (Refusal(instance) is { } refusal)
        {
            End(run, ScanRunState.Skipped, refusal.Reason, refusal.Message);
            return;
        }

        run.VolumeIds = [.. instance.Volumes.Select(v => v.Id)];
        run.HasEncryptedVolumes = instance.Volumes.Any(v => v.EncryptionKeyId is not null);
        run.SnapshotAccess = await AccessOfAccountAsync(run, ct).ConfigureAwait(false);
        run.SnapshotsRequestedAt = Now;
        await Advance(run, ScanRunState.SnapshotsRequested).ConfigureAwait(false);
    }

    /// <summary>The mode the run's target account is read in now: its template's, else the cloud's default.</summary>
    private async Task<SnapshotAccess> AccessOfAccountAsync(ScanRun run, CancellationToken ct)
    {
        var copyAndShare = await db.TargetAccounts.Where(a => a.AccountId == run.CloudAccountId).Select(a => a.CopyAndShare)
            .SingleOrDefaultAsync(ct).ConfigureAwait(false);
        return SnapshotAccessChoice.Of(cloud.SnapshotAccess, copyAndShare);
    }

    private (string Reason, string Message)? Refusal(CloudInstance instance)
    {
        if (instance.Volumes.Count == 0)
        {
            return (ScanReasons.InstanceStoppedWithoutVolumes, $"instance {instance.Id} is {instance.State} and has no volume");
        }

        if (instance.Volumes.Count > options.MaxVolumes)
        {
            return (ScanReasons.TooManyVolumes, $"instance {instance.Id} has {instance.Volumes.Count} volumes; at most {options.MaxVolumes} are scanned");
        }

        return instance.Volumes.FirstOrDefault(v => v.SizeBytes > options.MaxVolumeBytes) is { } large
            ? (ScanReasons.VolumeTooLarge, $"volume {large.Id} has {large.SizeBytes} bytes; at most {options.MaxVolumeBytes} are scanned")
            : null;
    }

    /// <summary>The first of the service account's exclusion tags (<c>key=value</c>) the instance carries, or null.</summary>
    private async Task<string?> ExclusionTagAsync(CloudInstance instance, CancellationToken ct)
    {
        var exclusions = (await ServiceAccountAsync(ct).ConfigureAwait(false))?.ExclusionTags;
        return exclusions?.FirstOrDefault(tag => tag.Split('=', 2) is [var key, var value]
            && instance.Tags.TryGetValue(key, out var actual) && actual == value);
    }
}

using Snapsight.Cloud.Aws.Ebs;
using Snapsight.Cloud.Aws.Ebs.Incremental;
using Snapsight.Cloud.Provider;
using Ec2 = Amazon.EC2.Model;

namespace Snapsight.Cloud.Aws.Sdk;

/// <summary>
/// Incremental rescans: with a block store configured, a snapshot is opened against its volume's
/// last scanned snapshot (ListChangedBlocks says which cached blocks are stale), a successful scan
/// is committed to the store, and the workflow keeps the scanned snapshot, tagged, for the next one.
/// </summary>
public sealed partial class AwsCloudProvider
{
    /// <summary>
    /// The volume id EC2 gives snapshots made by CopySnapshot, which "should not be used for any
    /// purpose" (EC2 API reference, Snapshot.VolumeId): such snapshots share no cache.
    /// </summary>
    private const string NoVolume = "vol-ffffffff";

    public int KeptSnapshotsPerVolume => _store?.Options.KeptSnapshots ?? 0;

    public async Task<IReadOnlyList<string>> CommitScanAsync(CloudScope reader, string volumeId, string snapshotId, CancellationToken cancellationToken)
    {
        await CheckRegionAsync(reader, cancellationToken).ConfigureAwait(false);
        CheckSnapshotId(snapshotId);
        if (_store is null || !EbsLimits.IsVolumeId(volumeId) || volumeId == NoVolume)
        {
            return [];
        }

        try
        {
            return _store.Volume(volumeId).Commit(snapshotId).ToDelete;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The store's disk failed: the scan succeeded all the same; retried like any transient error.
            throw new CloudProviderException(CloudErrorCode.Unavailable, snapshotId, $"the block cache could not record the scan of {snapshotId}: {e.Message}", e);
        }
    }

    public async Task TagSnapshotAsync(CloudScope scope, string snapshotId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        await CheckRegionAsync(scope, cancellationToken).ConfigureAwait(false);
        CheckSnapshotId(snapshotId);
        SnapshotTagRules.CheckKeeping(tags);
        var snapshot = await FindSnapshotAsync(scope, snapshotId, cancellationToken).ConfigureAwait(false);
        if (snapshot.OwnerId != scope.AccountId)
        {
            throw new CloudProviderException(CloudErrorCode.AccessDenied, snapshotId, $"only the owner {snapshot.OwnerId} may tag {snapshotId}");
        }

        // The target role may tag only snapshots already tagged ours, and only with these keys (statement KeepOurScannedSnapshots).
        await CallAsync(scope, $"ec2: CreateTags on {snapshotId} in {scope}", snapshotId,
            ec2 => ec2.CreateTagsAsync(new Ec2.CreateTagsRequest
            {
                Resources = [snapshotId],
                Tags = [.. tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new Ec2.Tag(t.Key, t.Value))],
            }, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The block cache of the snapshot's volume, or null for a full read (no store, or no volume to key it by).</summary>
    private EbsVolumeCache? IncrementalCache(Ec2.Snapshot? described) =>
        _store is not null && described?.VolumeId is { } volumeId && volumeId != NoVolume && EbsLimits.IsVolumeId(volumeId)
            ? _store.Volume(volumeId)
            : null;
}

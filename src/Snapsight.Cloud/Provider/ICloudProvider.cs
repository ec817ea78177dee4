using Snapsight.Disk.BlockDevices;

namespace Snapsight.Cloud.Provider;

/// <summary>
/// What the control plane asks of a cloud: find instances and their volumes, snapshot them,
/// share the snapshots with the service account, read them as block devices, and delete them.
/// Every call acts as the account of its <see cref="CloudScope"/> in that region, and fails only
/// with <see cref="CloudProviderException"/> (its <see cref="CloudErrorCode"/> says whether to retry).
/// The local provider and the AWS provider pass the same contract tests.
/// </summary>
public interface ICloudProvider
{
    /// <summary>Whether the workflow shares a run's snapshots with the service account or reads them in place.</summary>
    SnapshotAccess SnapshotAccess { get; }

    /// <summary>The regions enabled in <paramref name="accountId"/>, sorted.</summary>
    Task<IReadOnlyList<string>> ListRegionsAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>The instances of the scope's account and region, sorted by id; terminated ones included.</summary>
    Task<IReadOnlyList<CloudInstance>> ListInstancesAsync(CloudScope scope, CancellationToken cancellationToken);

    /// <summary>
    /// One instance of the scope's account and region, as <see cref="ListInstancesAsync"/> lists it (a terminated one
    /// too, while the cloud still lists it); <see cref="CloudErrorCode.NotFound"/> when the region does not list it.
    /// </summary>
    Task<CloudInstance> DescribeInstanceAsync(CloudScope scope, string instanceId, CancellationToken cancellationToken);

    /// <summary>
    /// Snapshots every volume of <paramref name="instanceId"/> at one point in time (a crash-consistent
    /// set), each carrying <paramref name="tags"/> from its creation on. Quotas are checked for the
    /// whole set first: either every snapshot is started or none is. Returns them in volume order, pending.
    /// </summary>
    Task<IReadOnlyList<CloudSnapshot>> CreateSnapshotSetAsync(
        CloudScope scope, string instanceId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);

    /// <summary>A snapshot the scope's account owns or was granted; any other is <see cref="CloudErrorCode.NotFound"/>.</summary>
    Task<CloudSnapshot> DescribeSnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken);

    /// <summary>
    /// The scope's account's own snapshots in the region that carry every one of <paramref name="tags"/>
    /// (exact key and value), sorted by id: how the workflow finds a set before creating one and how
    /// the sweeper finds leftovers without a database.
    /// </summary>
    Task<IReadOnlyList<CloudSnapshot>> ListSnapshotsByTagsAsync(
        CloudScope scope, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);

    /// <summary>
    /// Copy-and-share only (<see cref="SnapshotAccess.CopyAndShareToServiceAccount"/>): starts a copy of
    /// the scope's own completed snapshot, encrypted under the key the service account may read through,
    /// tagged from its creation with the source's tags and <see cref="SnapshotTags.CopyOf"/>; returns it
    /// pending. The copy of a source found by that tag is returned instead of a second one, so a repeat
    /// after a crash copies nothing twice. A provider that does not copy refuses (invalid parameter).
    /// </summary>
    Task<CloudSnapshot> CopySnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken) =>
        throw new CloudProviderException(CloudErrorCode.InvalidParameter, snapshotId, $"this cloud does not copy snapshots ({SnapshotAccess})");

    /// <summary>Lets <paramref name="accountId"/> read the owner's snapshot. Idempotent; only the owner may share.</summary>
    Task ShareSnapshotAsync(CloudScope scope, string snapshotId, string accountId, CancellationToken cancellationToken);

    /// <summary>Withdraws a grant. Idempotent; only the owner may unshare.</summary>
    Task UnshareSnapshotAsync(CloudScope scope, string snapshotId, string accountId, CancellationToken cancellationToken);

    /// <summary>
    /// Sets tags on one of the scope's account's own snapshots (a value already there is replaced): how
    /// the workflow marks a scanned snapshot kept. Only the keys of <see cref="SnapshotTags.KeepingKeys"/>
    /// (else <see cref="CloudErrorCode.InvalidParameter"/>); only the owner may. Idempotent.
    /// </summary>
    Task TagSnapshotAsync(CloudScope scope, string snapshotId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);

    /// <summary>Deletes a snapshot in any state; only the owner may. A missing one is <see cref="CloudErrorCode.NotFound"/>.</summary>
    Task DeleteSnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a completed snapshot for reading as the scope's account, which must own it or hold a
    /// grant (else <see cref="CloudErrorCode.AccessDenied"/>). A pending or failed snapshot is
    /// <see cref="CloudErrorCode.InvalidState"/>. The device is the volume as the instance saw it.
    /// </summary>
    Task<IBlockDevice> OpenSnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken);

    /// <summary>
    /// How many scanned snapshots of each volume the provider keeps for incremental rescans (the last
    /// scanned one included): reading a volume's next snapshot, it fetches only the blocks changed since.
    /// 0 when it keeps none: the workflow then deletes a run's snapshots once scanned.
    /// </summary>
    int KeptSnapshotsPerVolume { get; }

    /// <summary>
    /// Records that a scan of <paramref name="snapshotId"/>, the snapshot of <paramref name="volumeId"/>
    /// that <paramref name="reader"/> opened, succeeded: the next snapshot of the volume will be read
    /// from it incrementally. Answers the volume's earlier snapshots now past
    /// <see cref="KeptSnapshotsPerVolume"/>, for the caller to delete (none when the provider keeps
    /// nothing). Idempotent; never called for a failed scan, whose reads must not become the baseline.
    /// </summary>
    Task<IReadOnlyList<string>> CommitScanAsync(CloudScope reader, string volumeId, string snapshotId, CancellationToken cancellationToken);
}

using Snapsight.Cloud.Provider;
using Snapsight.Disk.BlockDevices;

namespace Snapsight.Server.Tests.Scans;

/// <summary>A cloud that passes every call to another; a test cloud overrides the calls it breaks.</summary>
public abstract class DelegatingCloud(ICloudProvider inner) : ICloudProvider
{
    public virtual SnapshotAccess SnapshotAccess => inner.SnapshotAccess;

    public virtual Task ShareSnapshotAsync(CloudScope scope, string snapshotId, string accountId, CancellationToken cancellationToken) =>
        inner.ShareSnapshotAsync(scope, snapshotId, accountId, cancellationToken);

    public virtual Task<IReadOnlyList<string>> ListRegionsAsync(string accountId, CancellationToken cancellationToken) =>
        inner.ListRegionsAsync(accountId, cancellationToken);

    public virtual Task<IReadOnlyList<CloudInstance>> ListInstancesAsync(CloudScope scope, CancellationToken cancellationToken) =>
        inner.ListInstancesAsync(scope, cancellationToken);

    public virtual Task<CloudInstance> DescribeInstanceAsync(CloudScope scope, string instanceId, CancellationToken cancellationToken) =>
        inner.DescribeInstanceAsync(scope, instanceId, cancellationToken);

    public virtual Task<IReadOnlyList<CloudSnapshot>> CreateSnapshotSetAsync(
        CloudScope scope, string instanceId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        inner.CreateSnapshotSetAsync(scope, instanceId, tags, cancellationToken);

    public virtual Task<CloudSnapshot> DescribeSnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken) =>
        inner.DescribeSnapshotAsync(scope, snapshotId, cancellationToken);

    public virtual Task<IReadOnlyList<CloudSnapshot>> ListSnapshotsByTagsAsync(
        CloudScope scope, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        inner.ListSnapshotsByTagsAsync(scope, tags, cancellationToken);

    public virtual Task<CloudSnapshot> CopySnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken) =>
        inner.CopySnapshotAsync(scope, snapshotId, cancellationToken);

    public virtual Task UnshareSnapshotAsync(CloudScope scope, string snapshotId, string accountId, CancellationToken cancellationToken) =>
        inner.UnshareSnapshotAsync(scope, snapshotId, accountId, cancellationToken);

    public virtual Task DeleteSnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken) =>
        inner.DeleteSnapshotAsync(scope, snapshotId, cancellationToken);

    public virtual int KeptSnapshotsPerVolume => inner.KeptSnapshotsPerVolume;

    public virtual Task TagSnapshotAsync(CloudScope scope, string snapshotId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        inner.TagSnapshotAsync(scope, snapshotId, tags, cancellationToken);

    public virtual Task<IReadOnlyList<string>> CommitScanAsync(CloudScope reader, string volumeId, string snapshotId, CancellationToken cancellationToken) =>
        inner.CommitScanAsync(reader, volumeId, snapshotId, cancellationToken);

    public virtual Task<IBlockDevice> OpenSnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken) =>
        inner.OpenSnapshotAsync(scope, snapshotId, cancellationToken);
}

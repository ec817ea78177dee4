using Snapsight.Cloud.Provider;
using Snapsight.Disk.BlockDevices;

namespace Snapsight.Server.Tests.Scans;

/// <summary>
/// A cloud whose every share is refused as EC2 refuses one the encryption key's policy does not
/// allow (the local cloud has no keys to refuse with); every other call goes through.
/// </summary>
public sealed class SharingDeniedCloud(ICloudProvider inner) : ICloudProvider
{
    public Task ShareSnapshotAsync(CloudScope scope, string snapshotId, string accountId, CancellationToken cancellationToken) =>
        throw new CloudProviderException(CloudErrorCode.AccessDenied, snapshotId, $"sharing {snapshotId} with {accountId} is not allowed");

    public Task<IReadOnlyList<string>> ListRegionsAsync(string accountId, CancellationToken cancellationToken) =>
        inner.ListRegionsAsync(accountId, cancellationToken);

    public Task<IReadOnlyList<CloudInstance>> ListInstancesAsync(CloudScope scope, CancellationToken cancellationToken) =>
        inner.ListInstancesAsync(scope, cancellationToken);

    public Task<CloudInstance> DescribeInstanceAsync(CloudScope scope, string instanceId, CancellationToken cancellationToken) =>
        inner.DescribeInstanceAsync(scope, instanceId, cancellationToken);

    public Task<IReadOnlyList<CloudSnapshot>> CreateSnapshotSetAsync(
        CloudScope scope, string instanceId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        inner.CreateSnapshotSetAsync(scope, instanceId, tags, cancellationToken);

    public Task<CloudSnapshot> DescribeSnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken) =>
        inner.DescribeSnapshotAsync(scope, snapshotId, cancellationToken);

    public Task<IReadOnlyList<CloudSnapshot>> ListSnapshotsByTagsAsync(
        CloudScope scope, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        inner.ListSnapshotsByTagsAsync(scope, tags, cancellationToken);

    public Task UnshareSnapshotAsync(CloudScope scope, string snapshotId, string accountId, CancellationToken cancellationToken) =>
        inner.UnshareSnapshotAsync(scope, snapshotId, accountId, cancellationToken);

    public Task DeleteSnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken) =>
        inner.DeleteSnapshotAsync(scope, snapshotId, cancellationToken);

    public Task<IBlockDevice> OpenSnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken) =>
        inner.OpenSnapshotAsync(scope, snapshotId, cancellationToken);
}

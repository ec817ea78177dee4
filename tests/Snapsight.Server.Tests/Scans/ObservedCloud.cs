using Snapsight.Cloud.Provider;
using Snapsight.Control.Scans;
using Snapsight.Disk.BlockDevices;

namespace Snapsight.Server.Tests.Scans;

/// <summary>
/// The real provider, with every snapshot set it created counted (across engine restarts, in
/// <see cref="CloudCounts"/>) and, when given a <see cref="CrashPlan"/>, a process death after a call.
/// </summary>
public sealed class ObservedCloud(ICloudProvider inner, CloudCounts counts, CrashPlan? crash) : ICloudProvider
{
    public SnapshotAccess SnapshotAccess => inner.SnapshotAccess;

    public Task<IReadOnlyList<string>> ListRegionsAsync(string accountId, CancellationToken cancellationToken) =>
        Observe(() => inner.ListRegionsAsync(accountId, cancellationToken));

    public Task<IReadOnlyList<CloudInstance>> ListInstancesAsync(CloudScope scope, CancellationToken cancellationToken) =>
        Observe(() => inner.ListInstancesAsync(scope, cancellationToken));

    public Task<CloudInstance> DescribeInstanceAsync(CloudScope scope, string instanceId, CancellationToken cancellationToken) =>
        Observe(() => inner.DescribeInstanceAsync(scope, instanceId, cancellationToken));

    public Task<IReadOnlyList<CloudSnapshot>> CreateSnapshotSetAsync(
        CloudScope scope, string instanceId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        Observe(async () =>
        {
            var set = await inner.CreateSnapshotSetAsync(scope, instanceId, tags, cancellationToken);
            counts.SetCreated(RunSnapshotTags.Run(tags));
            return set;
        });

    public Task<CloudSnapshot> DescribeSnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken) =>
        Observe(() => inner.DescribeSnapshotAsync(scope, snapshotId, cancellationToken));

    public Task<IReadOnlyList<CloudSnapshot>> ListSnapshotsByTagsAsync(
        CloudScope scope, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        Observe(() => inner.ListSnapshotsByTagsAsync(scope, tags, cancellationToken));

    public Task ShareSnapshotAsync(CloudScope scope, string snapshotId, string accountId, CancellationToken cancellationToken) =>
        Observe(async () => { await inner.ShareSnapshotAsync(scope, snapshotId, accountId, cancellationToken); return 0; });

    public Task<CloudSnapshot> CopySnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken) =>
        Observe(() => inner.CopySnapshotAsync(scope, snapshotId, cancellationToken));

    public Task UnshareSnapshotAsync(CloudScope scope, string snapshotId, string accountId, CancellationToken cancellationToken) =>
        Observe(async () => { await inner.UnshareSnapshotAsync(scope, snapshotId, accountId, cancellationToken); return 0; });

    public Task DeleteSnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken) =>
        Observe(async () => { await inner.DeleteSnapshotAsync(scope, snapshotId, cancellationToken); return 0; });

    public int KeptSnapshotsPerVolume => inner.KeptSnapshotsPerVolume;

    public Task TagSnapshotAsync(CloudScope scope, string snapshotId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        Observe(async () => { await inner.TagSnapshotAsync(scope, snapshotId, tags, cancellationToken); return 0; });

    public Task<IReadOnlyList<string>> CommitScanAsync(CloudScope reader, string volumeId, string snapshotId, CancellationToken cancellationToken) =>
        Observe(() => inner.CommitScanAsync(reader, volumeId, snapshotId, cancellationToken));

    public Task<IBlockDevice> OpenSnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken) =>
        Observe(() => inner.OpenSnapshotAsync(scope, snapshotId, cancellationToken));

    private async Task<T> Observe<T>(Func<Task<T>> call)
    {
        crash?.Before();
        var result = await call();
        crash?.After();
        return result;
    }
}

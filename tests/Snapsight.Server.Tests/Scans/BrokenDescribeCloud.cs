using Snapsight.Cloud.Provider;

namespace Snapsight.Server.Tests.Scans;

/// <summary>
/// A cloud whose describe call always throws something that is not a cloud error, as a bug in a
/// provider would; every other call goes through, so the run's snapshots exist and must be cleaned up.
/// </summary>
public sealed class BrokenDescribeCloud(ICloudProvider inner) : DelegatingCloud(inner)
{
    public override Task<CloudSnapshot> DescribeSnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"describe of {snapshotId} is broken");
}

using Snapsight.Cloud.Provider;

namespace Snapsight.Server.Tests.Scans;

/// <summary>
/// A cloud that would keep scanned snapshots but whose role may not tag them, as under a target
/// template older than incremental rescans; every other call goes through.
/// </summary>
public sealed class TaggingDeniedCloud(ICloudProvider inner) : DelegatingCloud(inner)
{
    public override int KeptSnapshotsPerVolume => 1;

    public override Task TagSnapshotAsync(CloudScope scope, string snapshotId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        throw new CloudProviderException(CloudErrorCode.AccessDenied, snapshotId, $"ec2:CreateTags on {snapshotId} is not allowed");
}

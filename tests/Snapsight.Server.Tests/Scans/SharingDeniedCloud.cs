using Snapsight.Cloud.Provider;

namespace Snapsight.Server.Tests.Scans;

/// <summary>
/// A cloud whose every share is refused as EC2 refuses one the encryption key's policy does not
/// allow (the local cloud has no keys to refuse with); every other call goes through.
/// </summary>
public sealed class SharingDeniedCloud(ICloudProvider inner) : DelegatingCloud(inner)
{
    public override Task ShareSnapshotAsync(CloudScope scope, string snapshotId, string accountId, CancellationToken cancellationToken) =>
        throw new CloudProviderException(CloudErrorCode.AccessDenied, snapshotId, $"sharing {snapshotId} with {accountId} is not allowed");
}

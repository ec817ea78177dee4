using Snapsight.Cloud.Provider;
using Snapsight.Disk.BlockDevices;

namespace Snapsight.Server.Tests.Scans;

/// <summary>
/// A cloud whose every snapshot read is refused as the AWS provider reports an EBS read that the
/// volume's KMS key does not allow: access denied, naming the key. Every other call goes through.
/// </summary>
public sealed class KeyDeniedCloud(ICloudProvider inner, string keyId) : DelegatingCloud(inner)
{
    public override Task<IBlockDevice> OpenSnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken) =>
        throw new CloudProviderException(CloudErrorCode.AccessDenied, snapshotId, $"reading {snapshotId}: the key does not allow decrypt")
        {
            EncryptionKeyId = keyId,
        };
}

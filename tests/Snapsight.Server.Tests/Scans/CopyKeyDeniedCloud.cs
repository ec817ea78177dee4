using Snapsight.Cloud.Provider;

namespace Snapsight.Server.Tests.Scans;

/// <summary>
/// The local cloud in copy-and-share mode whose copy key lets the first copy through and refuses
/// the next, as the AWS provider reports a copy key policy that does not name the target role:
/// access denied, naming the key. Every other call goes through.
/// </summary>
public sealed class CopyKeyDeniedCloud(ICloudProvider inner, string keyId) : DelegatingCloud(inner)
{
    private int _copies;

    public override SnapshotAccess SnapshotAccess => SnapshotAccess.CopyAndShareToServiceAccount;

    public override Task<CloudSnapshot> CopySnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken) =>
        Interlocked.Increment(ref _copies) == 1
            ? base.CopySnapshotAsync(scope, snapshotId, cancellationToken)
            : throw new CloudProviderException(CloudErrorCode.AccessDenied, keyId, $"copying {snapshotId}: the policy of the copy key {keyId} refuses the role")
            {
                EncryptionKeyId = keyId,
            };
}

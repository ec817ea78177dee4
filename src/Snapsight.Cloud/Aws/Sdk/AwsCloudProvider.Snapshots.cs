using Amazon.EC2;
using Snapsight.Cloud.Aws.Ebs;
using Snapsight.Cloud.Provider;
using Snapsight.Disk.BlockDevices;
using Ec2 = Amazon.EC2.Model;

namespace Snapsight.Cloud.Aws.Sdk;

public sealed partial class AwsCloudProvider
{
    public async Task<IReadOnlyList<CloudSnapshot>> CreateSnapshotSetAsync(
        CloudScope scope, string instanceId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        SnapshotTagRules.Check(tags);
        var instance = await DescribeInstanceAsync(scope, instanceId, cancellationToken).ConfigureAwait(false);
        var request = new Ec2.CreateSnapshotsRequest
        {
            // One call for every volume: EC2 takes them at the same point in time (crash-consistent).
            InstanceSpecification = new Ec2.InstanceSpecification { InstanceId = instanceId, ExcludeBootVolume = false },
            Description = "Snapsight scan snapshot",
        };
        if (tags.Count > 0)
        {
            // Tagged at creation: the target role may create snapshots only with our tags in the request.
            request.TagSpecifications =
            [
                new Ec2.TagSpecification
                {
                    ResourceType = ResourceType.Snapshot,
                    Tags = [.. tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new Ec2.Tag(t.Key, t.Value))],
                },
            ];
        }

        var keys = instance.Volumes.Select(v => v.EncryptionKeyId).OfType<string>().Distinct().ToList();
        var response = await CallAsync(scope, $"ec2: CreateSnapshots of {instanceId} in {scope}", instanceId,
            ec2 => ec2.CreateSnapshotsAsync(request, cancellationToken), keys).ConfigureAwait(false);
        var started = (response.Snapshots ?? []).ToDictionary(s => s.VolumeId, StringComparer.Ordinal);
        return [.. instance.Volumes.Select(v => started.TryGetValue(v.Id, out var info)
            ? Ec2Mapping.Started(info, scope.Region, v)
            : throw new CloudProviderException(CloudErrorCode.Corrupt, instanceId, $"ec2: CreateSnapshots of {instanceId} started no snapshot of {v.Id}"))];
    }

    /// <summary>The Reason of EBS's AccessDeniedException when KMS, not the role's policy, refused (EBS direct API reference).</summary>
    private const string KeyRefusalReason = "DEPENDENCY_ACCESS_DENIED";

    public async Task<CloudSnapshot> DescribeSnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken)
    {
        var snapshot = await FindSnapshotAsync(scope, snapshotId, cancellationToken).ConfigureAwait(false);
        return Ec2Mapping.Snapshot(snapshot, scope.Region, await SharedWithAsync(scope, snapshot, cancellationToken).ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<CloudSnapshot>> ListSnapshotsByTagsAsync(
        CloudScope scope, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        await CheckRegionAsync(scope, cancellationToken).ConfigureAwait(false);
        var snapshots = new List<CloudSnapshot>();
        string? next = null;
        var pages = 0;
        do
        {
            var request = new Ec2.DescribeSnapshotsRequest
            {
                OwnerIds = ["self"],
                MaxResults = 1000,
                NextToken = next,
                Filters = [.. tags.Select(t => new Ec2.Filter("tag:" + t.Key, [t.Value]))],
            };
            var page = await CallAsync(scope, $"ec2: DescribeSnapshots by tag in {scope}", scope.AccountId,
                ec2 => ec2.DescribeSnapshotsAsync(request, cancellationToken)).ConfigureAwait(false);
            foreach (var snapshot in page.Snapshots ?? [])
            {
                snapshots.Add(Ec2Mapping.Snapshot(snapshot, scope.Region, await SharedWithAsync(scope, snapshot, cancellationToken).ConfigureAwait(false)));
            }

            next = NextPage(page.NextToken, next, scope, ++pages);
        }
        while (next is not null);

        return [.. snapshots.OrderBy(s => s.Id, StringComparer.Ordinal)];
    }

    public Task ShareSnapshotAsync(CloudScope scope, string snapshotId, string accountId, CancellationToken cancellationToken) =>
        ModifySharingAsync(scope, snapshotId, accountId, share: true, cancellationToken);

    public Task UnshareSnapshotAsync(CloudScope scope, string snapshotId, string accountId, CancellationToken cancellationToken) =>
        ModifySharingAsync(scope, snapshotId, accountId, share: false, cancellationToken);

    public async Task DeleteSnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken)
    {
        await CheckRegionAsync(scope, cancellationToken).ConfigureAwait(false);
        CheckSnapshotId(snapshotId);
        await CallAsync(scope, $"ec2: DeleteSnapshot {snapshotId} in {scope}", snapshotId,
            ec2 => ec2.DeleteSnapshotAsync(new Ec2.DeleteSnapshotRequest { SnapshotId = snapshotId }, cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IBlockDevice> OpenSnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken)
    {
        await CheckRegionAsync(scope, cancellationToken).ConfigureAwait(false);
        CheckSnapshotId(snapshotId);
        Ec2.Snapshot? described = null;
        try
        {
            described = await FindSnapshotAsync(scope, snapshotId, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudProviderException e) when (e.Code == CloudErrorCode.NotFound)
        {
            // Invisible to this account: EBS itself says whether it is missing or refused.
        }

        if (described is not null && described.State != Amazon.EC2.SnapshotState.Completed)
        {
            throw new CloudProviderException(CloudErrorCode.InvalidState, snapshotId, $"snapshot {snapshotId} is {described.State?.Value}, not completed");
        }

        try
        {
            var device = IncrementalCache(described) is { } volume
                ? await EbsSnapshotBlockDevice.OpenIncrementalAsync(EbsClient(scope), volume, snapshotId, _cache, _options.MaxParallelReads,
                    _options.ReadAheadBlocks, cancellationToken).ConfigureAwait(false)
                : await EbsSnapshotBlockDevice.OpenAsync(EbsClient(scope), snapshotId, _cache, _options.MaxParallelReads, _options.ReadAheadBlocks,
                    cancellationToken).ConfigureAwait(false);
            device.Pricing = _options.Pricing;
            return device;
        }
        catch (CloudProviderException e) when (e.Code == CloudErrorCode.AccessDenied && described is { Encrypted: true, KmsKeyId: { } keyId }
            && e.Message.Contains(KeyRefusalReason, StringComparison.Ordinal))
        {
            // EBS's reason for a refused dependency: the key's policy does not let the role decrypt.
            throw new CloudProviderException(CloudErrorCode.AccessDenied, keyId,
                $"ebs: reading {snapshotId} was refused; the policy of its key {keyId} does not let the role decrypt: {e.Message}", e)
            {
                EncryptionKeyId = keyId,
            };
        }
    }

    /// <summary>The snapshot as EC2 describes it to the scope's account: one it owns or was granted.</summary>
    private async Task<Ec2.Snapshot> FindSnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken)
    {
        await CheckRegionAsync(scope, cancellationToken).ConfigureAwait(false);
        CheckSnapshotId(snapshotId);
        var response = await CallAsync(scope, $"ec2: DescribeSnapshots {snapshotId} in {scope}", snapshotId,
            ec2 => ec2.DescribeSnapshotsAsync(new Ec2.DescribeSnapshotsRequest { SnapshotIds = [snapshotId] }, cancellationToken)).ConfigureAwait(false);
        return (response.Snapshots ?? []).SingleOrDefault(s => s.SnapshotId == snapshotId)
            ?? throw CloudProviderException.NotFound(snapshotId, "snapshot");
    }

    /// <summary>
    /// The accounts the owner shared the snapshot with; a grantee cannot ask (only the owner may
    /// describe the attribute), and sees itself.
    /// </summary>
    private async Task<IReadOnlyList<string>> SharedWithAsync(CloudScope scope, Ec2.Snapshot snapshot, CancellationToken cancellationToken)
    {
        if (snapshot.OwnerId != scope.AccountId)
        {
            return [scope.AccountId];
        }

        var response = await CallAsync(scope, $"ec2: DescribeSnapshotAttribute {snapshot.SnapshotId} in {scope}", snapshot.SnapshotId,
            ec2 => ec2.DescribeSnapshotAttributeAsync(
                new Ec2.DescribeSnapshotAttributeRequest { SnapshotId = snapshot.SnapshotId, Attribute = SnapshotAttributeName.CreateVolumePermission },
                CancellationToken.None)).ConfigureAwait(false);
        return [.. (response.CreateVolumePermissions ?? []).Select(p => p.UserId).OfType<string>().Order(StringComparer.Ordinal)];
    }

    private async Task ModifySharingAsync(CloudScope scope, string snapshotId, string accountId, bool share, CancellationToken cancellationToken)
    {
        CloudScope.CheckAccountId(accountId);
        var snapshot = await FindSnapshotAsync(scope, snapshotId, cancellationToken).ConfigureAwait(false);
        if (snapshot.OwnerId != scope.AccountId)
        {
            throw new CloudProviderException(CloudErrorCode.AccessDenied, snapshotId, $"only the owner {snapshot.OwnerId} may change who reads {snapshotId}");
        }

        if (accountId == scope.AccountId)
        {
            throw new CloudProviderException(CloudErrorCode.InvalidParameter, accountId, $"snapshot {snapshotId} cannot be shared with its own account");
        }

        var permissions = new List<Ec2.CreateVolumePermission> { new() { UserId = accountId } };
        var change = share
            ? new Ec2.CreateVolumePermissionModifications { Add = permissions }
            : new Ec2.CreateVolumePermissionModifications { Remove = permissions };
        await CallAsync(scope, $"ec2: ModifySnapshotAttribute {snapshotId} in {scope}", snapshotId,
            ec2 => ec2.ModifySnapshotAttributeAsync(new Ec2.ModifySnapshotAttributeRequest
            {
                SnapshotId = snapshotId,
                Attribute = SnapshotAttributeName.CreateVolumePermission,
                CreateVolumePermission = change,
            }, cancellationToken)).ConfigureAwait(false);
    }
}

using System.Text.RegularExpressions;
using Amazon.EC2;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Snapsight.Cloud.Provider;
using Ec2 = Amazon.EC2.Model;

namespace Snapsight.Cloud.Aws.Sdk;

/// <summary>
/// The copy-and-share mode: a completed snapshot is copied in its own account and region under the
/// copy key the target template of the snapshot's subscription created there (its alias
/// <see cref="SubscriptionResourceNames.CopyKeyAlias"/>), so the copy, unlike a snapshot under the
/// account's default EBS key, can be shared with the service account, which reads it through EBS
/// direct with its own credentials. docs/aws.md has the key's policy. Which accounts copy is the
/// workflow's choice, account by account (their template's <c>CopyAndShare</c>), not the provider's
/// default: an account whose template made no copy key is told so when asked to copy.
/// </summary>
public sealed partial class AwsCloudProvider
{
    public async Task<CloudSnapshot> CopySnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken)
    {
        var source = await FindSnapshotAsync(scope, snapshotId, cancellationToken).ConfigureAwait(false);
        if (source.OwnerId != scope.AccountId)
        {
            throw new CloudProviderException(CloudErrorCode.AccessDenied, snapshotId, $"only the owner {source.OwnerId} copies {snapshotId}");
        }

        if (source.State != Amazon.EC2.SnapshotState.Completed)
        {
            throw new CloudProviderException(CloudErrorCode.InvalidState, snapshotId, $"snapshot {snapshotId} is {source.State?.Value}, not completed: it cannot be copied yet");
        }

        var tags = Ec2Mapping.Tags(source.Tags);
        if (!tags.ContainsKey(SnapshotTags.Product))
        {
            // The role may copy only into snapshots tagged ours, and the sweeper finds only those.
            throw new CloudProviderException(CloudErrorCode.InvalidParameter, snapshotId, $"snapshot {snapshotId} is not Snapsight's: only our snapshots are copied");
        }

        var subscription = CopyingSubscription(scope, snapshotId, tags);
        tags[SnapshotTags.CopyOf] = snapshotId;
        SnapshotTagRules.Check(tags);
        var copies = await ListSnapshotsByTagsAsync(scope, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SnapshotTags.Product] = SnapshotTags.ProductValue,
            [SnapshotTags.CopyOf] = snapshotId,
        }, cancellationToken).ConfigureAwait(false);
        if (copies.Count > 0)
        {
            return copies[0];
        }

        var key = await CopyKeyAsync(scope, SubscriptionResourceNames.CopyKeyAlias(subscription), cancellationToken).ConfigureAwait(false);
        var request = new Ec2.CopySnapshotRequest
        {
            SourceRegion = scope.Region,
            SourceSnapshotId = snapshotId,
            Encrypted = true,
            KmsKeyId = key,
            Description = $"Snapsight scan copy of {snapshotId}",
            TagSpecifications =
            [
                new Ec2.TagSpecification
                {
                    ResourceType = ResourceType.Snapshot,
                    Tags = [.. tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new Ec2.Tag(t.Key, t.Value))],
                },
            ],
        };
        string[] keys = source.Encrypted == true && source.KmsKeyId is { } sourceKey ? [sourceKey, key] : [key];
        var response = await CallAsync(scope, $"ec2: CopySnapshot {snapshotId} in {scope}", snapshotId,
            ec2 => ec2.CopySnapshotAsync(request, cancellationToken), keys).ConfigureAwait(false);
        return await DescribeSnapshotAsync(scope, response.SnapshotId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The subscription tag value whose copy key the copy is made under: the subscription that made the
    /// snapshot (its tag), which must be the one the call acts for when the scope names one. The target
    /// role could not tag the copy with another subscription's value anyway, nor use that one's key.
    /// </summary>
    private static string CopyingSubscription(CloudScope scope, string snapshotId, IReadOnlyDictionary<string, string> tags)
    {
        var tagged = tags.GetValueOrDefault(SnapshotTags.Subscription);
        if (!SubscriptionResourceNames.IsSubscriptionTagValue(tagged))
        {
            throw new CloudProviderException(CloudErrorCode.InvalidParameter, snapshotId,
                $"snapshot {snapshotId} has no subscription tag of ours ({SnapshotTags.Subscription}): its copy key is unknown");
        }

        if (scope.Subscription is { } acting && SnapshotTags.SubscriptionValue(acting.ToString()) != tagged)
        {
            throw new CloudProviderException(CloudErrorCode.AccessDenied, snapshotId,
                $"snapshot {snapshotId} is another subscription's: only the subscription that made it copies it");
        }

        return tagged;
    }

    /// <summary>
    /// The copy key's ARN, from its alias (KMS DescribeKey as the target role): a region without the
    /// key is told apart from a key whose policy refuses the role, which is named by its id.
    /// </summary>
    private async Task<string> CopyKeyAsync(CloudScope scope, string alias, CancellationToken cancellationToken)
    {
        try
        {
            var response = await CallAsync(scope, $"kms: DescribeKey {alias} in {scope}", alias,
                credentials => new AmazonKeyManagementServiceClient(credentials,
                    Configure(new AmazonKeyManagementServiceConfig(), _options.KmsServiceUrl, scope.Region)),
                kms => kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = alias }, cancellationToken), null).ConfigureAwait(false);
            return response.KeyMetadata?.Arn is { Length: > 0 } arn && response.KeyMetadata.Enabled == true
                ? arn
                : throw new CloudProviderException(CloudErrorCode.InvalidParameter, alias, $"kms: the copy key {alias} in {scope} is not enabled");
        }
        catch (CloudProviderException e) when (e.Code == CloudErrorCode.AccessDenied && e.EncryptionKeyId is null)
        {
            // KMS names the key it refused by its ARN; the alias stands in when it does not.
            var keyId = KeyArnPattern().Match(e.Message) is { Success: true } match ? match.Value : alias;
            throw new CloudProviderException(CloudErrorCode.AccessDenied, keyId,
                $"kms: the policy of the copy key {keyId} does not let the target role use it: {e.Message}", e)
            {
                EncryptionKeyId = keyId,
            };
        }
        catch (CloudProviderException e) when (e.Code is CloudErrorCode.InvalidParameter or CloudErrorCode.NotFound && e.Message.Contains("NotFound", StringComparison.Ordinal))
        {
            throw new CloudProviderException(CloudErrorCode.InvalidParameter, alias,
                $"kms: there is no copy key {alias} in {scope}: deploy the target template there with copy-and-share on", e);
        }
    }

    [GeneratedRegex(@"arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/[A-Za-z0-9-]+")]
    private static partial Regex KeyArnPattern();
}

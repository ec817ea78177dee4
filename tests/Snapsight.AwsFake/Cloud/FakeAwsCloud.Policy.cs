using Snapsight.Cloud;
using Snapsight.Cloud.Aws.Signing;

namespace Snapsight.AwsFake.Cloud;

/// <summary>
/// The permissions our templates grant, enforced (src/Snapsight.Cloud/Aws/Templates): the target
/// role's statements of TargetAccountTemplate and the scanning role's of ServiceAccountTemplate,
/// each limited to its regions. Anything they do not allow is refused and recorded.
/// </summary>
public sealed partial class FakeAwsCloud
{
    /// <summary>The target role's actions on <c>*</c> (statement Discover).</summary>
    private static readonly string[] TargetDescribeActions =
        ["DescribeInstances", "DescribeVolumes", "DescribeSnapshots", "DescribeSnapshotAttribute", "DescribeImages", "DescribeRegions"];

    /// <summary>The scanning role's EC2 actions (statement DiscoverSharedSnapshots).</summary>
    private static readonly string[] ScanningActions = ["DescribeSnapshots", "DescribeRegions"];

    internal AwsCredentials? Credentials(string accessKeyId) =>
        _serviceAccounts.TryGetValue(accessKeyId, out var service) ? service.Keys
        : _sessions.TryGetValue(accessKeyId, out var session) && session.Expires > Clock.GetUtcNow() ? session.Credentials
        : null;

    /// <summary>Whose role signed the request: a service account's scanning role, or a target role's session.</summary>
    internal (string AccountId, bool IsTargetRole) Identity(string accessKeyId) =>
        _sessions.TryGetValue(accessKeyId, out var session) ? (session.AccountId, session.Role is not null) : (Scanner(accessKeyId).AccountId, false);

    /// <summary>
    /// The service account whose scanning role holds the keys. Signatures are verified before any policy is asked, so keys no
    /// one was issued are a fault of the fake's own code path, never read as the most trusted identity.
    /// </summary>
    private FakeServiceAccount Scanner(string accessKeyId) =>
        _serviceAccounts.GetValueOrDefault(accessKeyId)
        ?? throw new InvalidOperationException($"no scanning role holds the keys {accessKeyId}: the request reached a policy unverified");

    /// <summary>The service account a target role trusts and shares with: its subscription's, or the cloud's own.</summary>
    private FakeServiceAccount ServiceAccountOf(FakeTargetAccount target) =>
        _serviceAccounts.Values.FirstOrDefault(s => s.SubscriptionTagValue == target.SubscriptionTagValue) ?? _serviceAccounts[ScanningKeys.AccessKeyId];

    /// <summary>The target role whose session signed the request, or null for the scanning role.</summary>
    private FakeTargetAccount? Role(SignedCaller caller) => _sessions.TryGetValue(caller.AccessKeyId, out var session) ? session.Role : null;

    /// <summary>The regions the caller's role works in: its target template's, or the service template's.</summary>
    private IReadOnlyList<string> Regions(SignedCaller caller) => Role(caller)?.Regions ?? ServiceRegions;

    internal bool IsKnownRegion(string region)
    {
        lock (_gate)
        {
            return ServiceRegions.Contains(region) || _targets.Values.Any(t => t.Regions.Contains(region));
        }
    }

    /// <summary>The role may call <paramref name="action"/> at all, in this region (aws:RequestedRegion).</summary>
    private void Authorize(SignedCaller caller, string action)
    {
        var (account, isTarget) = Identity(caller.AccessKeyId);
        var regions = Regions(caller);
        var actions = isTarget
            ? [.. TargetDescribeActions, "CreateSnapshots", "CreateSnapshot", "DeleteSnapshot", "ModifySnapshotAttribute", "CreateTags", "CopySnapshot"]
            : ScanningActions;
        if (!regions.Contains(caller.Region) || !actions.Contains(action))
        {
            Deny(action, $"{(isTarget ? "target" : "scanning")} role of {account} in {caller.Region}");
            throw FakeAwsErrorException.Unauthorized(action);
        }
    }

    /// <summary>Statements CreateOnlyTaggedSnapshots, TagOnlyAtCreation and NeverSnapshotExcluded.</summary>
    private void AuthorizeCreate(SignedCaller caller, FakeInstance instance, IReadOnlyDictionary<string, string> tags)
    {
        if (instance.Tags.TryGetValue(Exclusion.Key, out var excluded) && excluded == Exclusion.Value)
        {
            Deny("CreateSnapshots", $"{instance.Id} carries the exclusion tag");
            throw FakeAwsErrorException.Unauthorized("CreateSnapshots");
        }

        if (!IsOurs(caller, tags) || tags.Keys.Any(k => !SnapshotTags.Keys.Contains(k)))
        {
            Deny("CreateSnapshots", $"request tags [{string.Join(", ", tags.Select(t => t.Key + "=" + t.Value))}] are not only ours");
            throw FakeAwsErrorException.Unauthorized("CreateSnapshots");
        }
    }

    /// <summary>Statements DeleteOurSnapshots, ReadOurSnapshots and the sharing ones: the snapshot must carry our tags.</summary>
    private bool MayTouch(SignedCaller caller, string action, FakeSnapshotRecord snapshot)
    {
        if (IsOurs(caller, snapshot.Tags))
        {
            return true;
        }

        Deny(action, $"{snapshot.Id} is not tagged ours (caller {Identity(caller.AccessKeyId).AccountId})");
        return false;
    }

    /// <summary>The tags carry our product and the subscription of the caller's role (a target role's template's, or the service template's).</summary>
    private bool IsOurs(SignedCaller caller, IReadOnlyDictionary<string, string> tags) =>
        tags.GetValueOrDefault(SnapshotTags.Product) == SnapshotTags.ProductValue
        && tags.GetValueOrDefault(SnapshotTags.Subscription) == (Role(caller)?.SubscriptionTagValue ?? Scanner(caller.AccessKeyId).SubscriptionTagValue);

    /// <summary>What EBS answers a read of <paramref name="snapshotId"/>: the snapshot must exist in the caller's region, be visible, completed, tagged ours, and its key must let the role decrypt.</summary>
    internal FakeEbsRefusal? EbsRefusal(SignedCaller caller, string snapshotId)
    {
        var account = Identity(caller.AccessKeyId).AccountId;
        var regions = Regions(caller);
        FakeSnapshotRecord? snapshot;
        lock (_gate)
        {
            snapshot = _snapshots.GetValueOrDefault(snapshotId);
        }

        if (!regions.Contains(caller.Region))
        {
            Deny("ebs:ListSnapshotBlocks", $"region {caller.Region}");
            return new FakeEbsRefusal(403, "AccessDeniedException", "User is not authorized to perform this action in this region.");
        }

        if (snapshot is null || snapshot.Region != caller.Region)
        {
            return new FakeEbsRefusal(404, "ResourceNotFoundException", $"The snapshot '{snapshotId}' does not exist.", "SNAPSHOT_NOT_FOUND");
        }

        if ((snapshot.OwnerId != account && !snapshot.SharedWith.Contains(account)) || !MayTouch(caller, "ebs:GetSnapshotBlock", snapshot))
        {
            return new FakeEbsRefusal(403, "AccessDeniedException", $"User is not authorized to read snapshot {snapshotId}.", "UNAUTHORIZED_ACCOUNT");
        }

        if (snapshot.State != "completed")
        {
            return new FakeEbsRefusal(400, "ValidationException", $"The snapshot '{snapshotId}' is not completed.", "INVALID_PARAMETER_VALUE");
        }

        // EBS decrypts through KMS as the caller: the key's policy must allow it (statement ScanningRoleDecryptsCopiesThroughEc2 for copies).
        if (snapshot.KmsKeyId is { } key && KeyRefusal(PrincipalArn(caller), account, snapshot.OwnerId, key, "kms:Decrypt") is { } why)
        {
            Deny("ebs:GetSnapshotBlock", why);
            return new FakeEbsRefusal(403, "AccessDeniedException", why, "DEPENDENCY_ACCESS_DENIED");
        }

        return null;
    }
}

/// <summary>The fake cloud as the EBS endpoint's authority: its sessions, regions and read rules.</summary>
internal sealed class FakeCloudEbsAuthority(FakeAwsCloud cloud) : IFakeEbsAuthority
{
    public AwsCredentials? Credentials(string accessKeyId) => cloud.Credentials(accessKeyId);

    public string? RegionProblem(string region) => cloud.IsKnownRegion(region) ? null : $"region {region} is not served";

    public FakeEbsRefusal? Refusal(SignedCaller caller, string snapshotId) => cloud.EbsRefusal(caller, snapshotId);
}

using System.Net;
using Snapsight.Cloud.Aws.Signing;

namespace Snapsight.AwsFake.Cloud;

/// <summary>
/// A target role of the fake, as one subscription's target template made it in an account: its ARN, the external ID it
/// trusts, its regions, and the subscription tag value its statements require (two subscriptions registering one
/// account each have a role of their own, each touching only its own subscription's snapshots).
/// </summary>
public sealed record FakeTargetAccount(string AccountId, string RoleArn, string ExternalId, IReadOnlyList<string> Regions, string SubscriptionTagValue);

/// <summary>
/// A Snapsight service account: its scanning role (with its keys) and the subscription tag value its service template's
/// statements require. The cloud's own is the first; a test adds another for a second Snapsight deployment whose
/// subscription shares a target account with the first.
/// </summary>
public sealed record FakeServiceAccount(string AccountId, AwsCredentials Keys, string SubscriptionTagValue)
{
    public string ScanningRoleArn => $"arn:aws:iam::{AccountId}:role/snapsight-scanning";
}

/// <summary>An EBS volume: a raw image file of whole GiB, as EBS volumes are.</summary>
public sealed record FakeVolume(string Id, string DeviceName, string ImagePath, long SizeGiB, string? KmsKeyId);

/// <summary>An instance of the fake, with its volumes in attachment order (the root first).</summary>
public sealed record FakeInstance
{
    public required string Id { get; init; }

    public required string AccountId { get; init; }

    public required string Region { get; init; }

    public required string ImageId { get; init; }

    public required DateTimeOffset LaunchTime { get; init; }

    public IPAddress? PrivateIpAddress { get; init; }

    public IPAddress? PublicIpAddress { get; init; }

    public required IReadOnlyDictionary<string, string> Tags { get; init; }

    public required IReadOnlyList<FakeVolume> Volumes { get; init; }
}

public enum FakeSnapshotOutcome
{
    Completes,
    Fails,
    StaysPending,
}

/// <summary>A snapshot of the fake: the copy of its volume's image taken at creation, and what EC2 says of it.</summary>
public sealed class FakeSnapshotRecord
{
    public required string Id { get; init; }

    public required string OwnerId { get; init; }

    public required string Region { get; init; }

    public required FakeVolume Volume { get; init; }

    public required string ImagePath { get; init; }

    public required DateTimeOffset StartTime { get; init; }

    /// <summary>Its tags; replaced whole by CreateTags.</summary>
    public required IReadOnlyDictionary<string, string> Tags { get; set; }

    public required FakeSnapshotOutcome Outcome { get; init; }

    /// <summary>The key it is encrypted with: its volume's, or for a copy the key it was copied under (an ARN, as EC2 describes it).</summary>
    public string? KmsKeyId { get; init; }

    /// <summary>The snapshot it is a copy of, or null for one taken of its volume.</summary>
    public string? CopiedFrom { get; init; }

    /// <summary>The volume id EC2 gives it: its volume's, or for a copy the placeholder EC2 gives every copied snapshot.</summary>
    public string VolumeId => CopiedFrom is null ? Volume.Id : "vol-ffffffff";

    public string State { get; set; } = "pending";

    public SortedSet<string> SharedWith { get; } = new(StringComparer.Ordinal);

    public string? StateMessage => State == "error" ? "Snapshot creation failed (injected fault)." : null;
}

/// <summary>
/// A customer managed KMS key of the fake, as the target template's copy key makes it: its alias, and
/// the roles its key policy lets use it (the template's statements: the target role through EC2 to
/// copy under it, the scanning role through EC2 to read copies). Take a role out to make the policy block it.
/// </summary>
public sealed class FakeKmsKey
{
    public required string KeyId { get; init; }

    public required string AccountId { get; init; }

    public required string Region { get; init; }

    public string? Alias { get; init; }

    public string Arn => $"arn:aws:kms:{Region}:{AccountId}:key/{KeyId}";

    public DateTimeOffset CreationDate { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The role ARNs the key policy allows.</summary>
    public HashSet<string> Users { get; } = new(StringComparer.Ordinal);
}

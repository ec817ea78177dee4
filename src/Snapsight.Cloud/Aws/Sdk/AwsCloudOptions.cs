using Snapsight.Cloud.Aws.Ebs;
using Snapsight.Cloud.Aws.Ebs.Incremental;
using Snapsight.Cloud.Aws.Signing;
using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Aws.Sdk;

/// <summary>How an <see cref="AwsCloudProvider"/> reaches AWS; the endpoints are overridable for the loopback fake.</summary>
public sealed record AwsCloudOptions
{
    /// <summary>The service account's own credentials (the scanning role's), which assume every target role.</summary>
    public required IAwsCredentialSource BaseCredentials { get; init; }

    /// <summary>The accounts the provider may act in, asked on every call (the server's answers from its registrations); any other is not found.</summary>
    public required IAwsAccountDirectory Accounts { get; init; }

    /// <summary>The region whose STS endpoint assumes roles: the scanners' own (the scanning role is allowed nowhere else).</summary>
    public required string StsRegion { get; init; }

    /// <summary>EC2's endpoint for every region (a fake); null for https://ec2.REGION.amazonaws.com.</summary>
    public Uri? Ec2ServiceUrl { get; init; }

    /// <summary>Systems Manager's endpoint for every region (a fake); null for https://ssm.REGION.amazonaws.com.</summary>
    public Uri? SsmServiceUrl { get; init; }

    /// <summary>STS's endpoint (a fake); null for the regional endpoint of <see cref="StsRegion"/>.</summary>
    public Uri? StsServiceUrl { get; init; }

    /// <summary>KMS's endpoint for every region (a fake); null for https://kms.REGION.amazonaws.com.</summary>
    public Uri? KmsServiceUrl { get; init; }

    /// <summary>
    /// How the service account reads the snapshots of a target account whose template did not report its
    /// <c>CopyAndShare</c> (an account whose template did is read as it said): in place with the target role (the
    /// default; any key the volume has), or copy and share, where a copy under the target template's
    /// copy key is shared with the service account (docs/aws.md says when to choose which). The copy key
    /// is found by its subscription's alias (<see cref="SubscriptionResourceNames.CopyKeyAlias"/>), not
    /// set here: one alias for the whole server would make two subscriptions' stacks in one account and
    /// region claim the same alias, which KMS refuses to the second.
    /// </summary>
    public SnapshotAccess SnapshotAccess { get; init; } = SnapshotAccess.ReadInPlace;

    /// <summary>The EBS direct client's settings, its endpoint among them.</summary>
    public EbsDirectOptions Ebs { get; init; } = new();

    /// <summary>Retries of an EC2 or STS call in the SDK's standard retry mode (2 is the SDK's default: 3 attempts).</summary>
    public int MaxErrorRetry { get; init; } = 2;

    /// <summary>How long an assumed role's session lasts; the target template caps it at one hour.</summary>
    public TimeSpan SessionDuration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>A session is renewed when less than this is left of it, so no call goes out with credentials about to expire.</summary>
    public TimeSpan RefreshBefore { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// SDK clients kept for reuse across accounts, regions and services (each made for one session of one
    /// account; a renewed session gets a new one); past this, the least recently used are dropped.
    /// </summary>
    public int SdkClientsKept { get; init; } = 256;

    /// <summary>The RoleSessionName, which CloudTrail records in the target account.</summary>
    public string SessionName { get; init; } = "snapsight-scanner";

    /// <summary>Bytes of snapshot blocks kept in memory, shared by every snapshot the provider opens.</summary>
    public long BlockCacheBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>GetSnapshotBlock calls in flight for one opened snapshot.</summary>
    public int MaxParallelReads { get; init; } = 16;

    /// <summary>Blocks fetched ahead of a sequential reader.</summary>
    public int ReadAheadBlocks { get; init; } = 32;

    /// <summary>
    /// The local block cache of incremental rescans (docs/aws.md): with it, each volume's last scanned
    /// snapshot is kept and the next is read from it, fetching only changed blocks; null reads every
    /// snapshot in full and keeps none.
    /// </summary>
    public EbsBlockStoreOptions? BlockStore { get; init; }

    /// <summary>The EBS direct prices a run's cost is estimated at ($ per 1,000 calls; set them from the region's price list).</summary>
    public EbsPricing Pricing { get; init; } = EbsPricing.Default;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

using Snapsight.Cloud.Aws.Ebs;
using Snapsight.Cloud.Aws.Ebs.Incremental;
using Snapsight.Cloud.Aws.Sdk;
using Snapsight.Cloud.Aws.Signing;
using Snapsight.Cloud.Provider;

namespace Snapsight.Control;

/// <summary>
/// How the server reaches AWS when it runs on it (docs/aws.md, "Running the server on AWS"): the
/// service account's own credentials, the region whose STS assumes the target roles, and endpoint
/// overrides for EC2, STS and the EBS direct APIs (a VPC endpoint, or the loopback fake in tests).
/// The accounts come from the registrations (<see cref="Accounts.RegisteredAwsAccounts"/>).
/// </summary>
public sealed record AwsSettings
{
    /// <summary>The scanning role's credentials: the SDK's default chain in production (environment, instance profile).</summary>
    public required IAwsCredentialSource Credentials { get; init; }

    public required string StsRegion { get; init; }

    public Uri? Ec2Endpoint { get; init; }

    public Uri? StsEndpoint { get; init; }

    public Uri? EbsEndpoint { get; init; }

    public Uri? SsmEndpoint { get; init; }

    public Uri? KmsEndpoint { get; init; }

    /// <summary>Read in place (the default) or copy and share (docs/aws.md, "Copy and share").</summary>
    public SnapshotAccess SnapshotAccess { get; init; } = SnapshotAccess.ReadInPlace;

    /// <summary>
    /// Where the blocks the last scan of each volume read are kept for incremental rescans (docs/aws.md);
    /// null reads every snapshot in full.
    /// </summary>
    public string? BlockCacheDirectory { get; init; }

    public AwsCloudOptions Options(IAwsAccountDirectory accounts, TimeProvider clock) => new()
    {
        BaseCredentials = Credentials,
        Accounts = accounts,
        StsRegion = StsRegion,
        Ec2ServiceUrl = Ec2Endpoint,
        StsServiceUrl = StsEndpoint,
        SsmServiceUrl = SsmEndpoint,
        KmsServiceUrl = KmsEndpoint,
        SnapshotAccess = SnapshotAccess,
        Ebs = new EbsDirectOptions { Endpoint = EbsEndpoint },
        BlockStore = BlockCacheDirectory is null ? null : new EbsBlockStoreOptions { Directory = BlockCacheDirectory },
        TimeProvider = clock,
    };
}

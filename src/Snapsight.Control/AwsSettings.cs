using Snapsight.Cloud.Aws.Ebs;
using Snapsight.Cloud.Aws.Ebs.Incremental;
using Snapsight.Cloud.Aws.Sdk;
using Snapsight.Cloud.Aws.Signing;
using Snapsight.Cloud.Provider;

namespace Snapsight.Control;

/// <summary>
/// How the server reaches AWS when it runs on it (docs/aws.md, "Running the server on AWS"): the
/// service account's own credentials, the region whose STS assumes the target roles, and the
/// services' endpoint overrides (<see cref="AwsEndpoints"/>).
/// The accounts come from the registrations (<see cref="Accounts.RegisteredAwsAccounts"/>).
/// </summary>
public sealed record AwsSettings
{
    /// <summary>The scanning role's credentials: the SDK's default chain in production (environment, instance profile).</summary>
    public required IAwsCredentialSource Credentials { get; init; }

    public required string StsRegion { get; init; }

    public AwsEndpoints Endpoints { get; init; } = AwsEndpoints.None;

    /// <summary>
    /// Read in place (the default) or copy and share (docs/aws.md, "Copy and share"), for the accounts whose
    /// template did not report its own choice.
    /// </summary>
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
        Ec2ServiceUrl = Endpoints.Ec2,
        StsServiceUrl = Endpoints.Sts,
        SsmServiceUrl = Endpoints.Ssm,
        KmsServiceUrl = Endpoints.Kms,
        SnapshotAccess = SnapshotAccess,
        Ebs = new EbsDirectOptions { Endpoint = Endpoints.Ebs },
        BlockStore = BlockCacheDirectory is null ? null : new EbsBlockStoreOptions { Directory = BlockCacheDirectory },
        TimeProvider = clock,
    };
}

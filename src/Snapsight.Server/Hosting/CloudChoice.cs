using Amazon.Runtime;
using Snapsight.Cloud.Aws.Sdk;
using Snapsight.Cloud.Provider;
using Snapsight.Control;
using Snapsight.Control.Setup;
using AccessMode = Snapsight.Cloud.Provider.SnapshotAccess;

namespace Snapsight.Server.Hosting;

/// <summary>
/// Which cloud the server works in, as <c>--cloud</c> and the <c>--aws-*</c> options (or their
/// environment variables) say: the local cloud in the data folder, or AWS, acting in the registered
/// accounts with the SDK's default credentials (docs/aws.md, "Running the server on AWS").
/// </summary>
public sealed record CloudChoice(string Cloud, string? StsRegion = null)
{
    public const string Local = "local";
    public const string Aws = "aws";

    public const string CloudVariable = "SNAPSIGHT_CLOUD";
    public const string StsRegionVariable = "SNAPSIGHT_AWS_STS_REGION";
    public const string SnapshotAccessVariable = "SNAPSIGHT_AWS_SNAPSHOT_ACCESS";

    /// <summary>The default: snapshots are read in the target account with its role and never leave it.</summary>
    public const string ReadInPlace = "read-in-place";

    /// <summary>Snapshots are copied under the target template's copy key and shared with the service account only.</summary>
    public const string CopyAndShare = "copy-and-share";

    /// <summary>The local cloud's only mode, never an option's value: snapshots are shared with the service account.</summary>
    public const string ShareToServiceAccount = "share-to-service-account";

    /// <summary>The services' URLs instead of AWS's regional ones, already checked.</summary>
    public AwsEndpoints Endpoints { get; init; } = AwsEndpoints.None;

    /// <summary><see cref="ReadInPlace"/> (null) or <see cref="CopyAndShare"/>.</summary>
    public string? SnapshotAccess { get; init; }

    /// <summary>The SDK's own region variables, read when no STS region is given: on AWS they name the scanners' region.</summary>
    private static readonly string[] SdkRegionVariables = ["AWS_REGION", "AWS_DEFAULT_REGION"];

    /// <summary>What the options left unset, taken from the environment; a malformed endpoint stops the start here.</summary>
    public static CloudChoice From(string? cloud, string? stsRegion, string? ec2Endpoint, string? stsEndpoint, string? ebsEndpoint,
        string? ssmEndpoint = null, string? kmsEndpoint = null, string? snapshotAccess = null) => new(
        cloud ?? Variable(CloudVariable) ?? Local,
        stsRegion ?? Variable(StsRegionVariable) ?? SdkRegionVariables.Select(Variable).FirstOrDefault(v => v is not null))
    {
        Endpoints = AwsEndpoints.From(ec2Endpoint, stsEndpoint, ebsEndpoint, ssmEndpoint, kmsEndpoint, Variable),
        SnapshotAccess = snapshotAccess ?? Variable(SnapshotAccessVariable),
    };

    /// <summary>The AWS settings, null for the local cloud; anything missing or malformed stops the start with what to give.</summary>
    public AwsSettings? Settings()
    {
        switch (Cloud)
        {
            case Local when Endpoints.IsNone && SnapshotAccess is null:
                return null;
            case Local:
                throw new SetupException("the --aws-* options only apply with --cloud aws");
            case Aws:
                break;
            default:
                throw new SetupException($"--cloud (or {CloudVariable}) is '{Cloud}'; it must be '{Local}' or '{Aws}'");
        }

        if (StsRegion is null)
        {
            throw new SetupException($"--cloud aws needs the scanners' region, whose STS assumes the target roles: give --aws-sts-region "
                + $"(or {StsRegionVariable}, or AWS_REGION)");
        }

        if (!CloudScope.IsRegion(StsRegion))
        {
            throw new SetupException($"the STS region '{StsRegion}' is not a region name such as eu-west-1");
        }

        var access = Access(SnapshotAccess);
        return new AwsSettings
        {
            Credentials = DefaultCredentials(),
            StsRegion = StsRegion,
            Endpoints = Endpoints,
            SnapshotAccess = access,
        };
    }

    /// <summary>What <c>--aws-snapshot-access</c> says, read in place when unset.</summary>
    public static AccessMode Access(string? text) => text switch
    {
        null or ReadInPlace => AccessMode.ReadInPlace,
        CopyAndShare => AccessMode.CopyAndShareToServiceAccount,
        _ => throw new SetupException($"--aws-snapshot-access (or {SnapshotAccessVariable}) is '{text}'; it must be '{ReadInPlace}' or '{CopyAndShare}'"),
    };

    /// <summary>A mode as the API and the console write it: the words of <c>--aws-snapshot-access</c>.</summary>
    public static string Name(AccessMode access) => access switch
    {
        AccessMode.ReadInPlace => ReadInPlace,
        AccessMode.CopyAndShareToServiceAccount => CopyAndShare,
        _ => ShareToServiceAccount,
    };

    private static SdkCredentialSource DefaultCredentials()
    {
        try
        {
            return SdkCredentialSource.FromDefaultChain();
        }
        catch (AmazonClientException e)
        {
            throw new SetupException("--cloud aws found no AWS credentials: run it with the service account's scanning role "
                + $"(the instance profile the service template creates), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY ({e.Message})");
        }
    }

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}

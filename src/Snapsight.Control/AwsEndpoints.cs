using Snapsight.Control.Setup;

namespace Snapsight.Control;

/// <summary>
/// The URLs the server calls AWS's services at instead of their regional ones (a VPC endpoint, or
/// the loopback fake in tests), as <c>--aws-{ec2,sts,ebs,ssm,kms}-endpoint</c> or their environment
/// variables give them. Checked here, once, for both the server's cloud choice and its AWS settings.
/// </summary>
public sealed record AwsEndpoints
{
    public const string Ec2Option = "--aws-ec2-endpoint";
    public const string StsOption = "--aws-sts-endpoint";
    public const string EbsOption = "--aws-ebs-endpoint";
    public const string SsmOption = "--aws-ssm-endpoint";
    public const string KmsOption = "--aws-kms-endpoint";

    public const string Ec2Variable = "SNAPSIGHT_AWS_EC2_ENDPOINT";
    public const string StsVariable = "SNAPSIGHT_AWS_STS_ENDPOINT";
    public const string EbsVariable = "SNAPSIGHT_AWS_EBS_ENDPOINT";
    public const string SsmVariable = "SNAPSIGHT_AWS_SSM_ENDPOINT";
    public const string KmsVariable = "SNAPSIGHT_AWS_KMS_ENDPOINT";

    /// <summary>Every service at its regional endpoint.</summary>
    public static readonly AwsEndpoints None = new();

    public Uri? Ec2 { get; init; }

    public Uri? Sts { get; init; }

    /// <summary>The EBS direct APIs'.</summary>
    public Uri? Ebs { get; init; }

    /// <summary>Systems Manager's (API-based assessment).</summary>
    public Uri? Ssm { get; init; }

    /// <summary>KMS's (the copy key, in copy-and-share).</summary>
    public Uri? Kms { get; init; }

    public bool IsNone => this == None;

    /// <summary>The options' texts, else the variables' (<paramref name="variable"/> answers null for unset); see <see cref="Parse"/>.</summary>
    public static AwsEndpoints From(string? ec2, string? sts, string? ebs, string? ssm, string? kms, Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return Parse(ec2 ?? variable(Ec2Variable), sts ?? variable(StsVariable), ebs ?? variable(EbsVariable),
            ssm ?? variable(SsmVariable), kms ?? variable(KmsVariable));
    }

    /// <summary>The given URLs, null for unset; one that is not https (or http on loopback) stops the start with what to give.</summary>
    public static AwsEndpoints Parse(string? ec2 = null, string? sts = null, string? ebs = null, string? ssm = null, string? kms = null) => new()
    {
        Ec2 = Endpoint(Ec2Option, Ec2Variable, ec2),
        Sts = Endpoint(StsOption, StsVariable, sts),
        Ebs = Endpoint(EbsOption, EbsVariable, ebs),
        Ssm = Endpoint(SsmOption, SsmVariable, ssm),
        Kms = Endpoint(KmsOption, KmsVariable, kms),
    };

    private static Uri? Endpoint(string option, string variable, string? text) => text switch
    {
        null => null,
        // Plain http only to this machine (a fake in tests): AWS's answers must not be alterable on the way.
        _ when Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == "https" || (uri.Scheme == "http" && uri.IsLoopback))
            && uri.Query.Length == 0 => uri,
        _ => throw new SetupException($"{option} (or {variable}) must be an https URL such as https://ec2.eu-west-1.amazonaws.com "
            + $"(http only on loopback), not '{text}'"),
    };
}

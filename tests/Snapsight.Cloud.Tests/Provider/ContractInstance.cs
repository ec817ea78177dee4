using System.Net;

namespace Snapsight.Cloud.Tests.Provider;

/// <summary>What every provider's contract fleet instance looks like, so the tests can check the listing.</summary>
public static class ContractInstance
{
    public const string Name = "contract-web";
    public const string ImageId = "ami-0123456789abcdef0";
    public const string RootDevice = "/dev/xvda";
    public const string DataDevice = "/dev/xvdb";

    /// <summary>The data volume's key; the root volume is not encrypted.</summary>
    public const string DataKeyId = "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    public static IPAddress PrivateIpAddress { get; } = IPAddress.Parse("10.0.0.5");

    public static IPAddress PublicIpAddress { get; } = IPAddress.Parse("203.0.113.7");

    public static IReadOnlyDictionary<string, string> Tags { get; } = new Dictionary<string, string>
    {
        ["Name"] = Name,
        ["env"] = "prod",
    };
}

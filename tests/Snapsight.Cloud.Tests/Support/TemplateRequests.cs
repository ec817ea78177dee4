using CsCheck;
using Snapsight.Cloud.Aws;
using Snapsight.Cloud.Aws.Templates;

namespace Snapsight.Cloud.Tests.Support;

/// <summary>CsCheck generators of valid template requests and tags, spanning every partition and bound.</summary>
public static class TemplateRequests
{
    private const string Alphanumeric = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>A tag key: no space or '*' at either end, no '=', no 'aws:' prefix; spaces, '*', ':' and accents inside.</summary>
    public static readonly Gen<string> TagKey = Gen.Select(
            Gen.Char[Alphanumeric],
            Gen.Char[Alphanumeric + " _.:/+-@*é"].Array[0, 40],
            Gen.Char[Alphanumeric + "_.:/+-@é"],
            (first, middle, last) => first + new string(middle) + last)
        .Where(k => !k.StartsWith("aws:", StringComparison.OrdinalIgnoreCase));

    /// <summary>A tag value: possibly empty, '=' allowed inside.</summary>
    public static readonly Gen<string> TagValue = Gen.Frequency(
        (1, Gen.Const("")),
        (6, Gen.Select(Gen.Char[Alphanumeric], Gen.Char[Alphanumeric + " _.:/+-@=*"].Array[0, 60], Gen.Char[Alphanumeric + "._"],
            (first, middle, last) => first + new string(middle) + last)));

    public static readonly Gen<string> Tag = Gen.Select(TagKey, TagValue, (k, v) => k + "=" + v);

    private static readonly Gen<string[]> DistinctTags = Tag.Array[0, 4].Select(tags => tags.Distinct(StringComparer.Ordinal).ToArray());

    private static readonly Gen<(AwsPartition Partition, string[] Regions, string[] TargetRegions)> Regions =
        Gen.OneOfConst([.. AwsPartition.All]).SelectMany(partition =>
            Gen.Shuffle(partition.Regions.ToArray(), 1, partition.Regions.Count).SelectMany(regions =>
                Gen.Shuffle(regions.ToArray(), 1, regions.Length).Select(targets => (partition, regions, targets))));

    public static readonly Gen<TemplateRequest> Request = Gen.Select(
        Gen.Select(Gen.Char['!', '~'].Array[16, 80], Gen.Char[Alphanumeric].Array[1, 36], (token, id) => (Token: new string(token), Id: new string(id))),
        Gen.OneOfConst("https://snapsight.example.com", "https://scan.example.org:8443/base/", "https://10.0.0.5/snapsight"),
        Regions,
        Gen.Select(Gen.Int[24, 168], Gen.Int[1, 50], Gen.Bool),
        Gen.Select(DistinctTags, DistinctTags, DistinctTags, Gen.Frequency((1, Gen.Const((string?)null)), (3, Tag.Select(t => (string?)t)))),
        Gen.OneOfConst("SnapsightScanning", "scan+role=1,x.y@z_-", "S"),
        (secrets, endpoint, regions, numbers, tags, roleName) => new TemplateRequest
        {
            SubscriptionId = secrets.Id,
            SubscriptionToken = secrets.Token,
            ApiEndpoint = endpoint,
            Partition = regions.Partition.Name,
            Regions = regions.Regions,
            TargetRegions = regions.TargetRegions,
            ScanIntervalHours = numbers.Item1,
            ScannerConcurrency = numbers.Item2,
            EventBasedScanning = numbers.Item3,
            Tags = new TagFilter { All = tags.Item1, Any = tags.Item2, None = tags.Item3, Exclusion = tags.Item4 },
            ScanningRoleName = roleName,
        });

    public static readonly Gen<TargetAccountTrust> Trust = Gen.Select(
        Gen.Long[0, 999_999_999_999],
        Gen.Char[Alphanumeric + "_+=,.@:/-"].Array[2, 80],
        (account, externalId) => new TargetAccountTrust
        {
            ServiceAccountId = account.ToString("D12", System.Globalization.CultureInfo.InvariantCulture),
            ExternalId = new string(externalId),
        });

    /// <summary>A request with both templates rendered, in the shape every oracle test walks.</summary>
    public static readonly Gen<RenderedTemplates> Rendered = Gen.Select(Request, Trust,
        (request, trust) => new RenderedTemplates(request, trust,
            CloudFormationTemplates.ServiceAccount(request), CloudFormationTemplates.TargetAccount(request, trust)));

    /// <summary>A small fixed request, for the tests that need one known shape.</summary>
    public static TemplateRequest Simple() => new()
    {
        SubscriptionId = "subscription-1",
        SubscriptionToken = "0123456789abcdef0123456789abcdef",
        ApiEndpoint = "https://snapsight.example.com",
        Partition = "aws",
        Regions = ["us-east-1", "eu-west-1"],
        TargetRegions = ["eu-west-1"],
    };

    public static TargetAccountTrust SimpleTrust() => new() { ServiceAccountId = "123456789012", ExternalId = "external-id-0123456789" };
}

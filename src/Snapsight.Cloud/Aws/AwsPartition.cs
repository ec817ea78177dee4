namespace Snapsight.Cloud.Aws;

/// <summary>
/// An AWS partition (commercial, GovCloud, China): its ARN prefix and the regions it holds.
/// A region, an ARN or a role of one partition means nothing in another, so every region a
/// user gives is checked against the partition of the account it belongs to.
/// </summary>
public sealed class AwsPartition
{
    private AwsPartition(string name, IReadOnlyList<string> regions)
    {
        Name = name;
        Regions = regions;
    }

    /// <summary>Commercial regions, as AWS lists them for the <c>aws</c> partition (opt-in regions included).</summary>
    public static AwsPartition Aws { get; } = new("aws",
    [
        "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
        "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
        "ap-southeast-5", "ap-southeast-7", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2",
        "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1",
        "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1",
        "us-west-2",
    ]);

    public static AwsPartition AwsUsGov { get; } = new("aws-us-gov", ["us-gov-east-1", "us-gov-west-1"]);

    public static AwsPartition AwsCn { get; } = new("aws-cn", ["cn-north-1", "cn-northwest-1"]);

    public static IReadOnlyList<AwsPartition> All { get; } = [Aws, AwsUsGov, AwsCn];

    /// <summary>The partition's name as it appears in ARNs: <c>aws</c>, <c>aws-us-gov</c>, <c>aws-cn</c>.</summary>
    public string Name { get; }

    public IReadOnlyList<string> Regions { get; }

    /// <summary>What every ARN of this partition starts with, e.g. <c>arn:aws-us-gov</c>.</summary>
    public string ArnPrefix => "arn:" + Name;

    public bool HasRegion(string region) => Regions.Contains(region, StringComparer.Ordinal);

    /// <summary>The partition named <paramref name="name"/> (exactly as in an ARN), or null.</summary>
    public static AwsPartition? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    public override string ToString() => Name;
}

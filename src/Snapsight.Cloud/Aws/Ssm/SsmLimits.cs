namespace Snapsight.Cloud.Aws.Ssm;

/// <summary>Bounds on what an SSM inventory read accepts, so a broken or hostile answer cannot exhaust memory.</summary>
public static class SsmLimits
{
    /// <summary>Applications one instance may report; real machines have a few thousand.</summary>
    public const int MaxApplications = 100_000;

    /// <summary>Characters of one inventory field kept; longer values are refused as corrupt.</summary>
    public const int MaxFieldLength = 4096;

    /// <summary>The largest page ListInventoryEntries and DescribeInstanceInformation allow.</summary>
    public const int PageSize = 50;
}

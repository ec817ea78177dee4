namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>
/// What the EBS direct read APIs cost, in US dollars. The defaults are AWS's published example
/// prices ("Pricing for EBS direct APIs", Amazon EBS User Guide): GetSnapshotBlock $0.003 per
/// 1,000 blocks returned, ListChangedBlocks and ListSnapshotBlocks $0.0006 per 1,000 requests.
/// Prices vary by region: set them from the region's price list.
/// </summary>
public sealed record EbsPricing
{
    public static EbsPricing Default { get; } = new();

    public decimal GetSnapshotBlockPerThousand { get; init; } = 0.003m;

    public decimal ListPerThousand { get; init; } = 0.0006m;

    /// <summary>The cost of <paramref name="blocksReturned"/> blocks and <paramref name="listRequests"/> list calls.</summary>
    public decimal Cost(long blocksReturned, long listRequests) =>
        (blocksReturned * GetSnapshotBlockPerThousand / 1000m) + (listRequests * ListPerThousand / 1000m);
}

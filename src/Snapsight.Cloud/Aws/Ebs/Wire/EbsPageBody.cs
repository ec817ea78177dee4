namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>What every page of a list call carries besides its items: the block and volume sizes, when its tokens expire, the next page.</summary>
internal abstract class EbsPageBody
{
    public int? BlockSize { get; set; }

    public long? VolumeSize { get; set; }

    public double? ExpiryTime { get; set; }

    public string? NextToken { get; set; }
}

namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>One element of ListSnapshotBlocks' <c>Blocks</c>.</summary>
internal sealed class BlockBody
{
    public long? BlockIndex { get; set; }

    public string? BlockToken { get; set; }
}

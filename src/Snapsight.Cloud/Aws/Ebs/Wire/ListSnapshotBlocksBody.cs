namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>The JSON body of a ListSnapshotBlocks answer, members as the API reference spells them; checked by <see cref="EbsResponseParser"/>.</summary>
internal sealed class ListSnapshotBlocksBody : EbsPageBody
{
    public List<BlockBody?>? Blocks { get; set; }
}

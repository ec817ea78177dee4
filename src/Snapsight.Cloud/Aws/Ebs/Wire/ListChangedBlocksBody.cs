namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>The JSON body of a ListChangedBlocks answer; checked by <see cref="EbsResponseParser"/>.</summary>
internal sealed class ListChangedBlocksBody : EbsPageBody
{
    public List<ChangedBlockBody?>? ChangedBlocks { get; set; }
}

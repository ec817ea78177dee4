namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>One element of ListChangedBlocks' <c>ChangedBlocks</c>.</summary>
internal sealed class ChangedBlockBody
{
    public long? BlockIndex { get; set; }

    public string? FirstBlockToken { get; set; }

    public string? SecondBlockToken { get; set; }
}

namespace Snapsight.Cloud.Local;

/// <summary>The provider's calls, named so a throttling fault can aim at some of them.</summary>
public enum LocalOperation
{
    ListRegions,
    ListInstances,
    DescribeInstance,
    CreateSnapshotSet,
    DescribeSnapshot,
    ListSnapshotsByTags,
    ShareSnapshot,
    UnshareSnapshot,
    DeleteSnapshot,
    OpenSnapshot,
    TagSnapshot,
    CopySnapshot,
}

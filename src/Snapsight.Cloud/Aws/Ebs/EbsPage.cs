namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>
/// One validated page of ListSnapshotBlocks or ListChangedBlocks: the volume's size, the items in
/// increasing block order, the token of the next page (null on the last) and when the block tokens
/// expire.
/// </summary>
public sealed record EbsPage<T>(long VolumeSizeBytes, IReadOnlyList<T> Items, string? NextToken, DateTimeOffset? TokensExpire);

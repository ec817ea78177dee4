namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>
/// A block that differs between two snapshots of one volume: the token reading it in the first
/// snapshot (null when the block was not written there) and in the second (null when it was
/// written in the first and is unwritten in the second).
/// </summary>
public readonly record struct EbsChangedBlock(long Index, string? FirstToken, string? SecondToken);

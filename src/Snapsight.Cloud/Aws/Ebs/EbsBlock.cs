namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>A written block of a snapshot: its index in 512 KiB units and the token that reads it.</summary>
public readonly record struct EbsBlock(long Index, string Token);

namespace Snapsight.Cloud.Aws.Ebs.Incremental;

/// <summary>Where the local block cache lives, how large it may grow, and how many scanned snapshots a volume keeps.</summary>
public sealed record EbsBlockStoreOptions
{
    /// <summary>The cache's directory (created when missing; the scanner's own: nothing else should write there).</summary>
    public required string Directory { get; init; }

    /// <summary>The most bytes of cached blocks kept, over every volume; the least recently used are evicted past it.</summary>
    public long MaxBytes { get; init; } = 8L * 1024 * 1024 * 1024;

    /// <summary>
    /// Scanned snapshots kept per volume, the last scanned one included (at least 1: the next scan lists
    /// its changes from it). Past the limit, the oldest are named for deletion in <see cref="EbsSnapshotRetention"/>.
    /// </summary>
    public int KeptSnapshots { get; init; } = 1;
}

namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>
/// A run of logical blocks starting at the asked-for block: <see cref="Count"/> (≥ 1) blocks
/// that are either contiguous on disk from <see cref="PhysicalStart"/> or a hole (zeros).
/// </summary>
internal readonly record struct Ext4BlockRun(long PhysicalStart, long Count)
{
    public bool IsHole => PhysicalStart < 0;

    public static Ext4BlockRun Hole(long count) => new(-1, count);
}

/// <summary>Maps a file's logical blocks to device blocks: an extent tree or the classic indirect map.</summary>
internal interface IExt4BlockMap
{
    ValueTask<Ext4BlockRun> MapAsync(long logicalBlock, CancellationToken cancellationToken);
}

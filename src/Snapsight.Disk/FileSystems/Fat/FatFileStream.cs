using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Collections;

namespace Snapsight.Disk.FileSystems.Fat;

/// <summary>A contiguous stretch of a file's cluster chain.</summary>
internal readonly record struct FatRun(long FirstFileCluster, uint FirstCluster, long Length);

/// <summary>
/// A file's bytes, mapped through the runs of its already validated cluster chain. Reads
/// never go past the last run, so they stay inside the volume.
/// </summary>
internal sealed class FatFileStream(IBlockDevice device, FatGeometry geometry, IReadOnlyList<FatRun> runs, long length)
    : PositionalReadStream(length)
{
    protected override async ValueTask<int> ReadAtAsync(long position, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var fileCluster = position / geometry.ClusterSize;
        var run = FindRun(fileCluster);
        var withinRun = ((fileCluster - run.FirstFileCluster) * geometry.ClusterSize) + (position % geometry.ClusterSize);
        var leftInRun = (run.Length * geometry.ClusterSize) - withinRun;
        var count = (int)Math.Min(buffer.Length, leftInRun);
        var offset = geometry.ClusterOffset(run.FirstCluster) + withinRun;
        await device.ReadExactlyAsync(offset, buffer[..count], "vfat", "fat.file_data", cancellationToken).ConfigureAwait(false);
        return count;
    }

    /// <summary>Binary search: a fragmented file may have many runs.</summary>
    private FatRun FindRun(long fileCluster) =>
        runs[SortedSearch.LastStartingAtOrBefore(runs, fileCluster, run => run.FirstFileCluster)];
}

using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>
/// A file's bytes through its block map: each read maps the block at the position and serves as
/// much of that run as fits the buffer, reading the device for data and zero-filling holes and
/// uninitialised extents without touching the device. Positional and stateless apart from the
/// stream position, so several streams over one file system may read concurrently.
/// </summary>
internal sealed class Ext4FileStream(IBlockDevice device, IExt4BlockMap map, int blockSize, long length) : PositionalReadStream(length)
{
    protected override async ValueTask<int> ReadAtAsync(long position, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var logicalBlock = position / blockSize;
        var inBlock = position % blockSize;
        var run = await map.MapAsync(logicalBlock, cancellationToken).ConfigureAwait(false);
        var available = (run.Count * blockSize) - inBlock;
        var count = (int)Math.Min(buffer.Length, available);
        if (run.IsHole)
        {
            buffer.Span[..count].Clear();
        }
        else
        {
            await device.ReadExactlyAsync((run.PhysicalStart * blockSize) + inBlock, buffer[..count], Ext4Error.Layer, "ext4.file data", cancellationToken)
                .ConfigureAwait(false);
        }

        return count;
    }
}

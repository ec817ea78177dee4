using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>
/// Reads a fork's bytes by file offset through its extent map: holes and unwritten extents
/// read as zeros, mapped blocks come straight from the device. Stateless, so parallel reads are safe.
/// </summary>
internal sealed class XfsForkReader(IBlockDevice device, XfsSuperblock sb, XfsAddressing addressing)
{
    /// <summary>Reads up to the end of one extent or hole; returns how many bytes it filled (always &gt; 0 for a non-empty buffer).</summary>
    public async ValueTask<int> ReadSomeAsync(XfsExtentMap map, long position, Memory<byte> buffer, string structure, CancellationToken ct)
    {
        var fileBlock = position >> sb.BlockLog;
        var inBlock = position & (sb.BlockSize - 1);
        var extent = map.Find(fileBlock, out var nextMapped);
        if (extent is not { } e || e.Unwritten)
        {
            // A hole (or preallocated space) reads as zeros up to the next mapped block.
            var holeEnd = extent is { } u ? u.FileBlockEnd : nextMapped;
            var zeros = (int)Math.Min(buffer.Length, SaturatingBytes(holeEnd) - position);
            buffer.Span[..zeros].Clear();
            return zeros;
        }

        var extentBytesLeft = SaturatingBytes(e.FileBlockEnd) - position;
        var length = (int)Math.Min(buffer.Length, extentBytesLeft);
        var deviceOffset = checked(addressing.BlockOffset(e.DeviceBlock + (fileBlock - e.FileBlock)) + inBlock);
        await device.ReadExactlyAsync(deviceOffset, buffer[..length], "xfs", structure, ct).ConfigureAwait(false);
        return length;
    }

    /// <summary>Fills <paramref name="buffer"/> completely from <paramref name="position"/>.</summary>
    public async ValueTask ReadExactlyAsync(XfsExtentMap map, long position, Memory<byte> buffer, string structure, CancellationToken ct)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            done += await ReadSomeAsync(map, position + done, buffer[done..], structure, ct).ConfigureAwait(false);
        }
    }

    /// <summary>File block numbers have 54 bits; their byte offsets can exceed a long, so saturate.</summary>
    private long SaturatingBytes(long fileBlock) =>
        fileBlock > long.MaxValue >> sb.BlockLog ? long.MaxValue : fileBlock << sb.BlockLog;
}

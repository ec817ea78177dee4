using System.Buffers.Binary;
using System.Text;

namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>
/// Reads a symbolic link's target: inline in the data fork (local format) or in remote
/// blocks. On v5 each remote block starts with a 56-byte struct xfs_dsymlink_hdr ("XSLM",
/// offset, bytes, crc, uuid, owner, blkno, lsn). Targets are at most XFS_SYMLINK_MAXLEN (1024)
/// bytes, checked before anything is allocated. mkfs.xfs up to at least 6.1 writes v5 remote
/// symlinks from a prototype file without that header (xfs_repair then reports a CRC error);
/// such blocks are read as raw text with a warning, since the target is what a scan needs.
/// </summary>
internal sealed class XfsSymlinkReader(XfsSuperblock sb, XfsExtentMapReader maps, XfsForkReader forks, FileSystemWarnings warnings)
{
    private const string Structure = "xfs.symlink";
    private const int MaxLength = 1024;
    private const uint RemoteMagic = 0x58534C4D; // "XSLM"
    private const int RemoteHeaderSize = 56;
    private const int RemoteOwner = 32;

    public async ValueTask<string> ReadAsync(XfsInode inode, CancellationToken ct)
    {
        if (inode.Size is 0 or > MaxLength)
        {
            throw new DiskFormatException("xfs", Structure, inode.Offset, $"inode {inode.Number}: di_size {inode.Size} is outside 1..{MaxLength}");
        }

        var length = (int)inode.Size;
        if (inode.Format == XfsInodeCoreLayout.FormatLocal)
        {
            if (length > inode.DataFork.Length)
            {
                throw new DiskFormatException("xfs", Structure, inode.DataForkOffset,
                    $"inode {inode.Number}: di_size {length} exceeds the {inode.DataFork.Length}-byte data fork");
            }

            return Encoding.UTF8.GetString(inode.DataFork.Span[..length]);
        }

        var map = await maps.ReadAsync(inode, ct).ConfigureAwait(false);
        var target = new byte[length];
        var block = new byte[sb.BlockSize];
        await forks.ReadExactlyAsync(map, 0, block, Structure, ct).ConfigureAwait(false);
        var headered = sb.HasCrc && BinaryPrimitives.ReadUInt32BigEndian(block) == RemoteMagic;
        if (sb.HasCrc && !headered)
        {
            warnings.Add($"symlink inode {inode.Number}: remote block has no XSLM header; read as raw text");
        }

        var headerSize = headered ? RemoteHeaderSize : 0;
        var perBlock = sb.BlockSize - headerSize;
        // At most ceil(1024 / perBlock) blocks: the loop advances by perBlock bytes each time.
        for (long fileBlock = 0, done = 0; done < length; fileBlock++)
        {
            if (fileBlock > 0)
            {
                await forks.ReadExactlyAsync(map, fileBlock << sb.BlockLog, block, Structure, ct).ConfigureAwait(false);
            }

            if (headered)
            {
                CheckRemoteHeader(inode, block);
            }

            var take = (int)Math.Min(perBlock, length - done);
            block.AsSpan(headerSize, take).CopyTo(target.AsSpan((int)done));
            done += take;
        }

        return Encoding.UTF8.GetString(target);
    }

    private static void CheckRemoteHeader(XfsInode inode, byte[] block)
    {
        var magic = BinaryPrimitives.ReadUInt32BigEndian(block);
        var owner = BinaryPrimitives.ReadUInt64BigEndian(block.AsSpan(RemoteOwner));
        if (magic != RemoteMagic || owner != inode.Number)
        {
            throw new DiskFormatException("xfs", Structure, inode.DataForkOffset,
                $"inode {inode.Number}: remote block magic 0x{magic:x8} / owner {owner} is not \"XSLM\" / {inode.Number}");
        }
    }
}

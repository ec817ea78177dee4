namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>
/// Turns XFS's packed numbers into device byte offsets. An inode number is
/// (AG number, block in AG, index in block) packed with sb_agblklog and sb_inopblog bits; a
/// file system block number in a block map is (AG number, block in AG) packed with
/// sb_agblklog bits ("XFS Algorithms &amp; Data Structures", "Inode Numbers" and "Sharing
/// Data Blocks"). AGs are not packed on disk: AG n starts at n × sb_agblocks.
/// </summary>
internal sealed class XfsAddressing(XfsSuperblock sb)
{
    /// <summary>The device offset of inode <paramref name="inode"/>, or a format error if it cannot exist.</summary>
    public long InodeOffset(ulong inode, long referencedFrom)
    {
        var agInodeBits = sb.AgBlockLog + sb.InodesPerBlockLog;
        var ag = inode >> agInodeBits;
        var agBlock = (inode >> sb.InodesPerBlockLog) & ((1UL << sb.AgBlockLog) - 1);
        var index = inode & ((1UL << sb.InodesPerBlockLog) - 1);
        if (inode == 0 || ag >= (ulong)sb.AgCount || agBlock >= (ulong)sb.AgBlocks)
        {
            throw new DiskFormatException("xfs", "xfs.inode-number", referencedFrom,
                $"inode {inode} decodes to AG {ag} block {agBlock}, outside {sb.AgCount} AGs of {sb.AgBlocks} blocks");
        }

        var block = checked(((long)ag * sb.AgBlocks) + (long)agBlock);
        if (block >= sb.DataBlocks)
        {
            throw new DiskFormatException("xfs", "xfs.inode-number", referencedFrom,
                $"inode {inode} lies in block {block}, past sb_dblocks {sb.DataBlocks}");
        }

        return checked((block << sb.BlockLog) + ((long)index * sb.InodeSize));
    }

    /// <summary>
    /// The linear block number of a packed file system block number covering
    /// <paramref name="count"/> blocks; extents never cross an AG boundary.
    /// </summary>
    public long LinearBlock(ulong fsBlock, long count, string structure, long referencedFrom)
    {
        var ag = fsBlock >> sb.AgBlockLog;
        var agBlock = fsBlock & ((1UL << sb.AgBlockLog) - 1);
        if (ag >= (ulong)sb.AgCount || count < 0 || agBlock + (ulong)count > (ulong)sb.AgBlocks)
        {
            throw new DiskFormatException("xfs", structure, referencedFrom,
                $"block {fsBlock} (AG {ag}, block {agBlock}) + {count} lies outside {sb.AgCount} AGs of {sb.AgBlocks} blocks");
        }

        var linear = ((long)ag * sb.AgBlocks) + (long)agBlock;
        if (linear + count > sb.DataBlocks)
        {
            throw new DiskFormatException("xfs", structure, referencedFrom,
                $"blocks {linear}..{linear + count} run past sb_dblocks {sb.DataBlocks}");
        }

        return linear;
    }

    public long BlockOffset(long linearBlock) => linearBlock << sb.BlockLog;
}

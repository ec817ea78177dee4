using System.Buffers.Binary;

namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>
/// The ext2/ext3 block map (Documentation/filesystems/ext4/blockmap.rst): i_block[0..11] point
/// at data, i_block[12], [13] and [14] at single, double and triple indirect blocks of 32-bit
/// pointers. A lookup descends at most three levels, so a pointer that loops back to an indirect
/// block cannot make it run away; it only yields that block's bytes as data. A zero pointer is a
/// hole covering its whole subtree.
/// </summary>
internal sealed class Ext4IndirectBlockMap(Ext4Inode inode, Ext4Superblock superblock, Ext4BlockCache cache) : IExt4BlockMap
{
    private const string Structure = "ext4.indirect block";
    private const int DirectBlocks = 12;

    public async ValueTask<Ext4BlockRun> MapAsync(long logicalBlock, CancellationToken cancellationToken)
    {
        long perBlock = superblock.BlockSize / 4;
        if (logicalBlock < DirectBlocks)
        {
            return Run(inode.Block, (int)logicalBlock, DirectBlocks, inode.DeviceOffset + Ext4InodeLayout.Block);
        }

        // Find which tree (single, double, triple) holds the block and its index inside it.
        var remaining = logicalBlock - DirectBlocks;
        var span = perBlock;
        for (var levels = 1; levels <= 3; levels++)
        {
            if (remaining < span)
            {
                var root = Pointer(inode.Block, DirectBlocks + levels - 1, inode.DeviceOffset + Ext4InodeLayout.Block);
                return await DescendAsync(root, levels, remaining, span, cancellationToken).ConfigureAwait(false);
            }

            remaining -= span;
            span *= perBlock;
        }

        throw Ext4Error.At(Structure, inode.DeviceOffset, $"inode {inode.Number}: logical block {logicalBlock} is beyond the triple indirect tree");
    }

    /// <summary>Follows <paramref name="levels"/> indirect blocks from <paramref name="block"/>; <paramref name="span"/> blocks hang below it.</summary>
    private async ValueTask<Ext4BlockRun> DescendAsync(long block, int levels, long index, long span, CancellationToken cancellationToken)
    {
        long perBlock = superblock.BlockSize / 4;
        for (var level = levels; ; level--)
        {
            if (block == 0)
            {
                return Ext4BlockRun.Hole(span - index);
            }

            var bytes = await cache.ReadBlockAsync(block, Structure, cancellationToken).ConfigureAwait(false);
            var childSpan = span / perBlock;
            var slot = (int)(index / childSpan);
            if (level == 1)
            {
                return Run(bytes, slot, (int)perBlock, block * superblock.BlockSize);
            }

            block = Pointer(bytes, slot, block * superblock.BlockSize);
            index %= childSpan;
            span = childSpan;
        }
    }

    /// <summary>The run starting at pointer <paramref name="slot"/> of a pointer array, extended over following contiguous pointers.</summary>
    private Ext4BlockRun Run(ReadOnlySpan<byte> pointers, int slot, int slots, long arrayOffset)
    {
        var first = Pointer(pointers, slot, arrayOffset);
        var count = 1;
        while (slot + count < slots)
        {
            var next = Pointer(pointers, slot + count, arrayOffset);
            if ((first == 0) != (next == 0) || (first != 0 && next != first + count))
            {
                break;
            }

            count++;
        }

        return first == 0 ? Ext4BlockRun.Hole(count) : new Ext4BlockRun(first, count);
    }

    private long Pointer(ReadOnlySpan<byte> pointers, int slot, long arrayOffset)
    {
        var value = (long)BinaryPrimitives.ReadUInt32LittleEndian(pointers[(slot * 4)..]);
        if (value != 0 && (value < superblock.FirstDataBlock || value >= superblock.BlocksCount))
        {
            throw Ext4Error.At(Structure, arrayOffset + (slot * 4), $"inode {inode.Number}: block pointer {value} lies outside the file system's {superblock.BlocksCount} blocks");
        }

        return value;
    }
}

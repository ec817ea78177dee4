using System.Buffers.Binary;
using G = Snapsight.Disk.FileSystems.Ext4.Ext4GroupDescriptorLayout;

namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>
/// Finds and reads inodes: inode number → block group → group descriptor (plain table after the
/// superblock, or meta_bg placement) → inode table block. Only the one descriptor block and the
/// one inode table block needed are read, through the metadata cache.
/// </summary>
internal sealed class Ext4InodeTable(Ext4Superblock superblock, Ext4BlockCache cache, Ext4Checksums checksums, FileSystemWarnings warnings)
{
    public async ValueTask<Ext4Inode> ReadAsync(long number, CancellationToken cancellationToken)
    {
        if (number < 1 || number > superblock.InodesCount)
        {
            throw Ext4Error.At("ext4.inode", 0, $"inode number {number} is outside 1..{superblock.InodesCount}");
        }

        var group = (number - 1) / superblock.InodesPerGroup;
        var index = (number - 1) % superblock.InodesPerGroup;
        var table = await InodeTableBlockAsync(group, cancellationToken).ConfigureAwait(false);
        var byteInTable = index * superblock.InodeSize;
        var block = table + byteInTable / superblock.BlockSize;
        var inBlock = (int)(byteInTable % superblock.BlockSize);
        var bytes = await cache.ReadBlockAsync(block, "ext4.inode table", cancellationToken).ConfigureAwait(false);
        var raw = bytes.AsSpan(inBlock, superblock.InodeSize).ToArray();
        var inode = Ext4Inode.Parse(number, block * superblock.BlockSize + inBlock, raw, superblock);
        if (!checksums.InodeMatches(number, raw, inode.ExtraIsize))
        {
            warnings.Add($"inode {number}: checksum does not match");
        }

        return inode;
    }

    private async ValueTask<long> InodeTableBlockAsync(long group, CancellationToken cancellationToken)
    {
        var perBlock = superblock.BlockSize / superblock.DescriptorSize;
        var descriptorBlock = DescriptorBlock(group / perBlock, perBlock);
        var bytes = await cache.ReadBlockAsync(descriptorBlock, "ext4.group descriptor", cancellationToken).ConfigureAwait(false);
        var at = (int)(group % perBlock) * superblock.DescriptorSize;
        var descriptor = bytes.AsSpan(at, superblock.DescriptorSize);
        if (!checksums.DescriptorMatches(group, descriptor))
        {
            warnings.Add($"group descriptor {group}: checksum does not match");
        }

        var table = (long)BinaryPrimitives.ReadUInt32LittleEndian(descriptor[G.InodeTableLo..]);
        if (superblock.DescriptorSize >= G.MinSize64)
        {
            table |= (long)BinaryPrimitives.ReadUInt32LittleEndian(descriptor[G.InodeTableHi..]) << 32;
        }

        var tableBlocks = ((long)superblock.InodesPerGroup * superblock.InodeSize + superblock.BlockSize - 1) / superblock.BlockSize;
        if (table <= superblock.FirstDataBlock || table > superblock.BlocksCount - tableBlocks)
        {
            throw Ext4Error.At("ext4.group descriptor", descriptorBlock * superblock.BlockSize + at + G.InodeTableLo,
                $"group {group}: bg_inode_table {table} with {tableBlocks} blocks lies outside the file system's {superblock.BlocksCount} blocks");
        }

        return table;
    }

    /// <summary>The kernel's descriptor_loc(): where block <paramref name="index"/> of the descriptor table lives.</summary>
    private long DescriptorBlock(long index, int perBlock)
    {
        if (!superblock.HasIncompat(Ext4Features.IncompatMetaBg) || index < superblock.FirstMetaBg)
        {
            return superblock.FirstDataBlock + 1 + index;
        }

        // meta_bg: each run of descriptors-per-block groups keeps its own descriptor block in its
        // first group, after that group's superblock backup if it has one.
        var firstGroup = index * perBlock;
        return superblock.FirstDataBlock + firstGroup * superblock.BlocksPerGroup + (HasSuperblockBackup(firstGroup) ? 1 : 0);
    }

    /// <summary>ext4_bg_has_super(): group 0 always; sparse_super2 lists two groups; sparse_super keeps 0, 1 and powers of 3, 5, 7.</summary>
    private bool HasSuperblockBackup(long group)
    {
        if (group == 0)
        {
            return true;
        }

        if ((superblock.FeatureCompat & Ext4Features.CompatSparseSuper2) != 0)
        {
            return group == superblock.BackupGroup0 || group == superblock.BackupGroup1;
        }

        if (!superblock.HasRoCompat(Ext4Features.RoCompatSparseSuper) || group == 1)
        {
            return true;
        }

        return IsPowerOf(group, 3) || IsPowerOf(group, 5) || IsPowerOf(group, 7);
    }

    private static bool IsPowerOf(long value, int radix)
    {
        while (value > 1 && value % radix == 0)
        {
            value /= radix;
        }

        return value == 1;
    }
}

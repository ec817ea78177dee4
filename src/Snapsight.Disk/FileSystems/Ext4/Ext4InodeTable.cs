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
    /// <summary>Most inode table bytes <see cref="PrefetchInUseAsync"/> hints at: 32 MiB, some 130,000 inodes of 256 bytes.</summary>
    private const long MaxPrefetchBytes = 32L * 1024 * 1024;

    public async ValueTask<Ext4Inode> ReadAsync(long number, CancellationToken cancellationToken)
    {
        if (number < 1 || number > superblock.InodesCount)
        {
            throw Ext4Error.At("ext4.inode", 0, $"inode number {number} is outside 1..{superblock.InodesCount}");
        }

        var group = (number - 1) / superblock.InodesPerGroup;
        var table = await InodeTableBlockAsync(group, cancellationToken).ConfigureAwait(false);
        var (block, inBlock) = InodeBlock(number, table);
        var bytes = await cache.ReadBlockAsync(block, "ext4.inode table", cancellationToken).ConfigureAwait(false);
        return Parse(number, block, inBlock, bytes);
    }

    /// <summary>
    /// The inode when its descriptor block and inode table block are both cached (a walk has just read it); never reads
    /// the device, so a hint built on it adds no read. A valid number is assumed (one a directory entry gave).
    /// </summary>
    public Ext4Inode? TryReadCached(long number)
    {
        if (number < 1 || number > superblock.InodesCount)
        {
            return null;
        }

        var group = (number - 1) / superblock.InodesPerGroup;
        var perBlock = superblock.BlockSize / superblock.DescriptorSize;
        if (!cache.TryGetCached(DescriptorBlock(group / perBlock, perBlock), out var descriptors))
        {
            return null;
        }

        var table = TableStart(descriptors.AsSpan((int)(group % perBlock) * superblock.DescriptorSize, superblock.DescriptorSize));
        var (block, inBlock) = InodeBlock(number, table);
        return block > superblock.FirstDataBlock && block < superblock.BlocksCount && cache.TryGetCached(block, out var bytes)
            ? Parse(number, block, inBlock, bytes)
            : null;
    }

    private (long Block, int InBlock) InodeBlock(long number, long table)
    {
        var byteInTable = (number - 1) % superblock.InodesPerGroup * superblock.InodeSize;
        return (table + byteInTable / superblock.BlockSize, (int)(byteInTable % superblock.BlockSize));
    }

    private Ext4Inode Parse(long number, long block, int inBlock, byte[] bytes)
    {
        var raw = bytes.AsSpan(inBlock, superblock.InodeSize).ToArray();
        var inode = Ext4Inode.Parse(number, block * superblock.BlockSize + inBlock, raw, superblock);
        if (!checksums.InodeMatches(number, raw, inode.ExtraIsize))
        {
            warnings.Add($"inode {number}: checksum does not match");
        }

        return inode;
    }

    /// <summary>
    /// Hints the device to fetch, all at once, the part of the inode tables in use in the groups of the first descriptor
    /// block (the groups a small volume has, the first 64 or 128 of a large one), at most <see cref="MaxPrefetchBytes"/>.
    /// Walking the tree then finds its inodes fetched instead of asking for them one after another, which over a
    /// high-latency device (a cloud snapshot) is most of the wait. A descriptor that looks wrong is skipped: the real read
    /// of an inode reports it. Only the descriptor block, which opening read, is read here.
    /// </summary>
    public async ValueTask PrefetchInUseAsync(CancellationToken cancellationToken)
    {
        var perBlock = superblock.BlockSize / superblock.DescriptorSize;
        var bytes = await cache.ReadBlockAsync(DescriptorBlock(0, perBlock), "ext4.group descriptor", cancellationToken).ConfigureAwait(false);
        // bg_itable_unused is kept only with group descriptor checksums; without them every inode may be in use.
        var unusedKnown = superblock.HasRoCompat(Ext4Features.RoCompatGdtCsum) || superblock.HasRoCompat(Ext4Features.RoCompatMetadataCsum);
        var budget = MaxPrefetchBytes / superblock.BlockSize;
        for (var group = 0; group < Math.Min(superblock.GroupCount, perBlock) && budget > 0; group++)
        {
            var descriptor = bytes.AsSpan(group * superblock.DescriptorSize, superblock.DescriptorSize);
            var inUse = InodesInUse(descriptor, unusedKnown);
            var blocks = Math.Min(budget, (inUse * superblock.InodeSize + superblock.BlockSize - 1) / superblock.BlockSize);
            var table = TableStart(descriptor);
            if (blocks > 0 && table > superblock.FirstDataBlock && table <= superblock.BlocksCount - blocks)
            {
                cache.Prefetch(table, blocks);
                budget -= blocks;
            }
        }
    }

    private long InodesInUse(ReadOnlySpan<byte> descriptor, bool unusedKnown)
    {
        if (!unusedKnown)
        {
            return superblock.InodesPerGroup;
        }

        if ((BinaryPrimitives.ReadUInt16LittleEndian(descriptor[G.Flags..]) & G.FlagInodeUninit) != 0)
        {
            return 0;
        }

        long unused = BinaryPrimitives.ReadUInt16LittleEndian(descriptor[G.ItableUnusedLo..]);
        if (superblock.DescriptorSize >= G.MinSize64)
        {
            unused |= (long)BinaryPrimitives.ReadUInt16LittleEndian(descriptor[G.ItableUnusedHi..]) << 16;
        }

        return Math.Clamp(superblock.InodesPerGroup - unused, 0, superblock.InodesPerGroup);
    }

    private long TableStart(ReadOnlySpan<byte> descriptor)
    {
        var table = (long)BinaryPrimitives.ReadUInt32LittleEndian(descriptor[G.InodeTableLo..]);
        if (superblock.DescriptorSize >= G.MinSize64)
        {
            table |= (long)BinaryPrimitives.ReadUInt32LittleEndian(descriptor[G.InodeTableHi..]) << 32;
        }

        return table;
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

        var table = TableStart(descriptor);
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

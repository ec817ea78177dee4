using System.Buffers.Binary;
using System.Text;
using Snapsight.Disk.Checksums;
using L = Snapsight.Disk.FileSystems.Ext4.Ext4SuperblockLayout;

namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>
/// The validated superblock: every value later arithmetic depends on (block size, group sizes,
/// descriptor size, inode size, counts) is checked here against the format's own limits, so
/// the rest of the reader can rely on them without dividing by zero or overflowing.
/// </summary>
internal sealed class Ext4Superblock
{
    private const string Structure = "ext4.superblock";

    public required uint InodesCount { get; init; }
    public required long BlocksCount { get; init; }
    public required long FirstDataBlock { get; init; }
    public required int BlockSize { get; init; }
    public required int LogBlockSize { get; init; }
    public required long BlocksPerGroup { get; init; }
    public required uint InodesPerGroup { get; init; }
    public required long GroupCount { get; init; }
    public required int InodeSize { get; init; }
    public required int DescriptorSize { get; init; }
    public required uint FeatureCompat { get; init; }
    public required uint FeatureIncompat { get; init; }
    public required uint FeatureRoCompat { get; init; }
    public required uint FirstMetaBg { get; init; }
    public required uint BackupGroup0 { get; init; }
    public required uint BackupGroup1 { get; init; }
    public required string? Uuid { get; init; }
    public required string? Label { get; init; }
    public required bool ChecksumMismatch { get; init; }
    public required bool ErrorsRecorded { get; init; }
    public required uint[] HashSeed { get; init; }
    public required bool UnsignedDirectoryHash { get; init; }

    public bool HasIncompat(uint bit) => (FeatureIncompat & bit) != 0;

    public bool HasRoCompat(uint bit) => (FeatureRoCompat & bit) != 0;

    /// <summary>Whether the 1024 bytes look like an ext2/3/4 superblock (used by the probe; never throws).</summary>
    public static bool LooksLikeSuperblock(ReadOnlySpan<byte> sb) =>
        sb.Length >= L.Size
        && BinaryPrimitives.ReadUInt16LittleEndian(sb[L.Magic..]) == L.MagicValue
        && BinaryPrimitives.ReadUInt32LittleEndian(sb[L.LogBlockSize..]) <= L.MaxLogBlockSize
        && BinaryPrimitives.ReadUInt32LittleEndian(sb[L.InodesPerGroup..]) != 0
        && BinaryPrimitives.ReadUInt32LittleEndian(sb[L.BlocksPerGroup..]) != 0;

    public static Ext4Superblock Parse(ReadOnlySpan<byte> sb)
    {
        const long at = L.VolumeOffset;
        var magic = BinaryPrimitives.ReadUInt16LittleEndian(sb[L.Magic..]);
        if (magic != L.MagicValue)
        {
            throw Ext4Error.At(Structure, at + L.Magic, $"s_magic is 0x{magic:X4}, not 0xEF53");
        }

        var logBlockSize = BinaryPrimitives.ReadUInt32LittleEndian(sb[L.LogBlockSize..]);
        if (logBlockSize > L.MaxLogBlockSize)
        {
            throw Ext4Error.At(Structure, at + L.LogBlockSize, $"s_log_block_size {logBlockSize} exceeds {L.MaxLogBlockSize} (64 KiB blocks)");
        }

        var blockSize = 1024 << (int)logBlockSize;
        var incompat = BinaryPrimitives.ReadUInt32LittleEndian(sb[L.FeatureIncompat..]);
        var roCompat = BinaryPrimitives.ReadUInt32LittleEndian(sb[L.FeatureRoCompat..]);
        var is64Bit = (incompat & Ext4Features.Incompat64Bit) != 0;

        var blocksCount = (long)BinaryPrimitives.ReadUInt32LittleEndian(sb[L.BlocksCountLo..]);
        if (is64Bit)
        {
            // ext4 addresses at most 2^48 blocks; the high word is limited to 16 bits so that
            // block numbers times the block size stay far below 2^63.
            var hi = BinaryPrimitives.ReadUInt32LittleEndian(sb[L.BlocksCountHi..]);
            if (hi > 0xFFFF)
            {
                throw Ext4Error.At(Structure, at + L.BlocksCountHi, $"s_blocks_count_hi 0x{hi:X} exceeds 48-bit block numbers");
            }

            blocksCount |= (long)hi << 32;
        }

        var firstDataBlock = (long)BinaryPrimitives.ReadUInt32LittleEndian(sb[L.FirstDataBlock..]);
        if (blocksCount == 0 || firstDataBlock >= blocksCount)
        {
            throw Ext4Error.At(Structure, at + L.BlocksCountLo, $"s_blocks_count {blocksCount} with s_first_data_block {firstDataBlock}");
        }

        // With bigalloc a group holds s_clusters_per_group clusters of 2^(cluster − block log) blocks;
        // either way one bitmap block limits a group to 8 × block size units.
        var clusterRatio = 1;
        if ((roCompat & Ext4Features.RoCompatBigalloc) != 0)
        {
            var logCluster = BinaryPrimitives.ReadUInt32LittleEndian(sb[L.LogClusterSize..]);
            if (logCluster < logBlockSize || logCluster - logBlockSize > 16)
            {
                throw Ext4Error.At(Structure, at + L.LogClusterSize, $"s_log_cluster_size {logCluster} with s_log_block_size {logBlockSize}");
            }

            clusterRatio = 1 << (int)(logCluster - logBlockSize);
        }

        var blocksPerGroup = (long)BinaryPrimitives.ReadUInt32LittleEndian(sb[L.BlocksPerGroup..]);
        if (blocksPerGroup == 0 || blocksPerGroup > 8L * blockSize * clusterRatio)
        {
            throw Ext4Error.At(Structure, at + L.BlocksPerGroup, $"s_blocks_per_group {blocksPerGroup} is 0 or above {8L * blockSize * clusterRatio}");
        }

        var inodesPerGroup = BinaryPrimitives.ReadUInt32LittleEndian(sb[L.InodesPerGroup..]);
        if (inodesPerGroup == 0 || inodesPerGroup > 8L * blockSize)
        {
            throw Ext4Error.At(Structure, at + L.InodesPerGroup, $"s_inodes_per_group {inodesPerGroup} is 0 or above {8L * blockSize}");
        }

        var groupCount = (blocksCount - firstDataBlock + blocksPerGroup - 1) / blocksPerGroup;
        var inodesCount = BinaryPrimitives.ReadUInt32LittleEndian(sb[L.InodesCount..]);
        if (inodesCount < 11 || inodesCount > groupCount * inodesPerGroup)
        {
            throw Ext4Error.At(Structure, at + L.InodesCount, $"s_inodes_count {inodesCount} with {groupCount} groups of {inodesPerGroup} inodes");
        }

        var revLevel = BinaryPrimitives.ReadUInt32LittleEndian(sb[L.RevLevel..]);
        var inodeSize = revLevel == 0 ? Ext4InodeLayout.GoodOldInodeSize : BinaryPrimitives.ReadUInt16LittleEndian(sb[L.InodeSize..]);
        if (inodeSize < Ext4InodeLayout.GoodOldInodeSize || inodeSize > blockSize || !IsPowerOfTwo(inodeSize))
        {
            throw Ext4Error.At(Structure, at + L.InodeSize, $"s_inode_size {inodeSize} is not a power of two between 128 and the block size {blockSize}");
        }

        var descriptorSize = Ext4GroupDescriptorLayout.Size32;
        if (is64Bit)
        {
            descriptorSize = BinaryPrimitives.ReadUInt16LittleEndian(sb[L.DescSize..]);
            if (descriptorSize < Ext4GroupDescriptorLayout.MinSize64 || descriptorSize > Ext4GroupDescriptorLayout.MaxSize
                || descriptorSize > blockSize || !IsPowerOfTwo(descriptorSize))
            {
                throw Ext4Error.At(Structure, at + L.DescSize, $"s_desc_size {descriptorSize} is not a power of two between 64 and {Math.Min(blockSize, 1024)}");
            }
        }

        var uuidBytes = sb.Slice(L.Uuid, 16);
        var uuidText = Convert.ToHexStringLower(uuidBytes[..4]) + "-" + Convert.ToHexStringLower(uuidBytes[4..6]) + "-"
            + Convert.ToHexStringLower(uuidBytes[6..8]) + "-" + Convert.ToHexStringLower(uuidBytes[8..10]) + "-"
            + Convert.ToHexStringLower(uuidBytes[10..16]);
        var labelBytes = sb.Slice(L.VolumeName, 16);
        var nul = labelBytes.IndexOf((byte)0);
        var label = Encoding.UTF8.GetString(nul < 0 ? labelBytes : labelBytes[..nul]);

        // metadata_csum: s_checksum is crc32c(~0) over the 1020 bytes before it. A mismatch is
        // reported, not fatal: a crash-consistent snapshot may catch a superblock mid-update.
        var mismatch = (roCompat & Ext4Features.RoCompatMetadataCsum) != 0
            && Crc32C.Update(uint.MaxValue, sb[..L.Checksum]) != BinaryPrimitives.ReadUInt32LittleEndian(sb[L.Checksum..]);

        return new Ext4Superblock
        {
            InodesCount = inodesCount,
            BlocksCount = blocksCount,
            FirstDataBlock = firstDataBlock,
            BlockSize = blockSize,
            LogBlockSize = (int)logBlockSize,
            BlocksPerGroup = blocksPerGroup,
            InodesPerGroup = inodesPerGroup,
            GroupCount = groupCount,
            InodeSize = inodeSize,
            DescriptorSize = descriptorSize,
            FeatureCompat = BinaryPrimitives.ReadUInt32LittleEndian(sb[L.FeatureCompat..]),
            FeatureIncompat = incompat,
            FeatureRoCompat = roCompat,
            FirstMetaBg = BinaryPrimitives.ReadUInt32LittleEndian(sb[L.FirstMetaBg..]),
            BackupGroup0 = BinaryPrimitives.ReadUInt32LittleEndian(sb[L.BackupBgs..]),
            BackupGroup1 = BinaryPrimitives.ReadUInt32LittleEndian(sb[(L.BackupBgs + 4)..]),
            Uuid = uuidBytes.IndexOfAnyExcept((byte)0) < 0 ? null : uuidText,
            Label = label.Length == 0 ? null : label,
            ChecksumMismatch = mismatch,
            ErrorsRecorded = (BinaryPrimitives.ReadUInt16LittleEndian(sb[L.State..]) & 0x2) != 0,
            HashSeed =
            [
                BinaryPrimitives.ReadUInt32LittleEndian(sb[L.HashSeed..]), BinaryPrimitives.ReadUInt32LittleEndian(sb[(L.HashSeed + 4)..]),
                BinaryPrimitives.ReadUInt32LittleEndian(sb[(L.HashSeed + 8)..]), BinaryPrimitives.ReadUInt32LittleEndian(sb[(L.HashSeed + 12)..]),
            ],
            UnsignedDirectoryHash = (BinaryPrimitives.ReadUInt32LittleEndian(sb[L.Flags..]) & 0x2) != 0,
        };
    }

    private static bool IsPowerOfTwo(int value) => value > 0 && (value & (value - 1)) == 0;
}

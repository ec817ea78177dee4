namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>
/// Byte offsets of the ext4 superblock fields we read, named as in the kernel's
/// Documentation/filesystems/ext4/super.rst (struct ext4_super_block). The superblock
/// always starts 1024 bytes into the volume and is 1024 bytes long.
/// </summary>
internal static class Ext4SuperblockLayout
{
    public const long VolumeOffset = 1024;
    public const int Size = 1024;

    public const int InodesCount = 0x00;          // s_inodes_count
    public const int BlocksCountLo = 0x04;        // s_blocks_count_lo
    public const int FirstDataBlock = 0x14;       // s_first_data_block
    public const int LogBlockSize = 0x18;         // s_log_block_size: block size = 2 ^ (10 + value)
    public const int LogClusterSize = 0x1C;       // s_log_cluster_size (bigalloc)
    public const int BlocksPerGroup = 0x20;       // s_blocks_per_group
    public const int ClustersPerGroup = 0x24;     // s_clusters_per_group
    public const int InodesPerGroup = 0x28;       // s_inodes_per_group
    public const int Magic = 0x38;                // s_magic, 0xEF53
    public const int State = 0x3A;                // s_state: 0x2 = errors detected
    public const int RevLevel = 0x4C;             // s_rev_level: 0 = original (128-byte inodes), 1 = dynamic
    public const int FirstIno = 0x54;             // s_first_ino
    public const int InodeSize = 0x58;            // s_inode_size
    public const int FeatureCompat = 0x5C;        // s_feature_compat
    public const int FeatureIncompat = 0x60;      // s_feature_incompat
    public const int FeatureRoCompat = 0x64;      // s_feature_ro_compat
    public const int Uuid = 0x68;                 // s_uuid[16]
    public const int VolumeName = 0x78;           // s_volume_name[16]
    public const int HashSeed = 0xEC;            // s_hash_seed[4]: htree hash seed
    public const int DescSize = 0xFE;             // s_desc_size (only meaningful with the 64bit feature)
    public const int FirstMetaBg = 0x104;         // s_first_meta_bg
    public const int BlocksCountHi = 0x150;       // s_blocks_count_hi (64bit feature)
    public const int Flags = 0x160;               // s_flags: 0x2 = unsigned directory hash
    public const int BackupBgs = 0x24C;           // s_backup_bgs[2] (sparse_super2)
    public const int ChecksumSeed = 0x270;        // s_checksum_seed (csum_seed feature)
    public const int Checksum = 0x3FC;            // s_checksum: crc32c of the bytes before it

    public const ushort MagicValue = 0xEF53;

    /// <summary>The largest s_log_block_size the kernel accepts (EXT4_MAX_BLOCK_LOG_SIZE 16 → 64 KiB blocks).</summary>
    public const int MaxLogBlockSize = 6;
}

namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>
/// Offsets in struct ext4_group_desc (Documentation/filesystems/ext4/group_descr.rst). A
/// descriptor is 32 bytes, or s_desc_size (≥ 64) bytes when the 64bit feature adds the _hi halves.
/// </summary>
internal static class Ext4GroupDescriptorLayout
{
    public const int InodeTableLo = 0x08;   // bg_inode_table_lo
    public const int Flags = 0x12;          // bg_flags
    public const int ItableUnusedLo = 0x1C; // bg_itable_unused_lo
    public const int ItableUnusedHi = 0x32; // bg_itable_unused_hi (64bit only)

    /// <summary>EXT4_BG_INODE_UNINIT: the group's inode table and bitmap are not initialised (no inode in use).</summary>
    public const ushort FlagInodeUninit = 0x1;
    public const int InodeTableHi = 0x28;   // bg_inode_table_hi (64bit only)

    public const int Size32 = 32;
    public const int MinSize64 = 64;

    /// <summary>EXT4_MAX_DESC_SIZE: the kernel refuses larger descriptors.</summary>
    public const int MaxSize = 1024;
}

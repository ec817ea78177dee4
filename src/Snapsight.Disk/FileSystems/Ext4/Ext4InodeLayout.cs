namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>
/// Offsets in struct ext4_inode (Documentation/filesystems/ext4/inodes.rst). The first 128
/// bytes exist in every revision; fields from 0x80 on exist only when i_extra_isize covers them.
/// </summary>
internal static class Ext4InodeLayout
{
    public const int Mode = 0x00;           // i_mode
    public const int Uid = 0x02;            // i_uid (low 16 bits)
    public const int SizeLo = 0x04;         // i_size_lo
    public const int Mtime = 0x10;          // i_mtime (seconds, signed)
    public const int Gid = 0x18;            // i_gid (low 16 bits)
    public const int LinksCount = 0x1A;     // i_links_count
    public const int BlocksLo = 0x1C;       // i_blocks_lo
    public const int Flags = 0x20;          // i_flags
    public const int Block = 0x28;          // i_block[EXT4_N_BLOCKS = 15]: extent root, block map, fast symlink or inline data
    public const int FileAclLo = 0x68;      // i_file_acl_lo
    public const int SizeHigh = 0x6C;       // i_size_high
    public const int BlocksHigh = 0x74;     // osd2.linux2.l_i_blocks_high
    public const int UidHigh = 0x78;        // osd2.linux2.l_i_uid_high
    public const int GidHigh = 0x7A;        // osd2.linux2.l_i_gid_high
    public const int ExtraIsize = 0x80;     // i_extra_isize
    public const int MtimeExtra = 0x88;     // i_mtime_extra: 2 epoch bits, 30 nanosecond bits

    public const int GoodOldInodeSize = 128;
    public const int BlockSize = 60;        // sizeof(i_block)
    public const int BlockPointers = 15;

    // i_flags bits used here.
    public const uint IndexFlag = 0x1000;          // EXT4_INDEX_FL: hashed (htree) directory
    public const uint EncryptFlag = 0x800;         // EXT4_ENCRYPT_FL
    public const uint HugeFileFlag = 0x40000;      // EXT4_HUGE_FILE_FL
    public const uint ExtentsFlag = 0x80000;       // EXT4_EXTENTS_FL
    public const uint InlineDataFlag = 0x10000000; // EXT4_INLINE_DATA_FL
    public const uint CasefoldFlag = 0x40000000;   // EXT4_CASEFOLD_FL
}

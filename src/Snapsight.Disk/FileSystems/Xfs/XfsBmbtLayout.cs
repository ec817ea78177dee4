namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>
/// The block-map B+tree ("B+tree Extent List" in the XFS on-disk format document). The root
/// sits in the inode's data fork as struct xfs_bmdr_block (level, numrecs, then keys and
/// pointers, each array sized for the fork); other nodes are whole blocks with a long-format
/// header (struct xfs_btree_block): 24 bytes on v4 ("BMAP"), 72 on v5 ("BMA3", with CRC and owner).
/// </summary>
internal static class XfsBmbtLayout
{
    public const uint MagicV4 = 0x424D4150; // "BMAP"
    public const uint MagicV5 = 0x424D4133; // "BMA3"

    public const int Magic = 0x00;
    public const int Level = 0x04;
    public const int RecordCount = 0x06;
    public const int V5Crc = 0x40; // bb_crc in the v5 long-format header
    public const int V5Owner = 0x38; // bb_owner: the inode that owns this block

    public const int V4HeaderSize = 24;
    public const int V5HeaderSize = 72;

    /// <summary>The in-inode root: bb_level (2 bytes), bb_numrecs (2 bytes).</summary>
    public const int RootHeaderSize = 4;

    public const int KeySize = 8; // xfs_bmbt_key: br_startoff
    public const int PointerSize = 8; // xfs_bmbt_ptr: a packed file system block number
    public const int RecordSize = 16; // xfs_bmbt_rec

    /// <summary>
    /// A bmbt of 2^31 extents (the largest 32-bit count) needs fewer than 10 levels even with
    /// 512-byte blocks; higher levels are corrupt (or built to multiply work).
    /// </summary>
    public const int MaxLevels = 10;
}

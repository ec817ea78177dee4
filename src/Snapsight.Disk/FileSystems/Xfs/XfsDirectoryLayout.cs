namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>
/// Directory version 2/3 structures from "XFS Algorithms &amp; Data Structures", chapter
/// "Directories": the short-form header, data block headers and entries, and the tail of a
/// single-block directory. All big-endian.
/// </summary>
internal static class XfsDirectoryLayout
{
    // Data block magics: "XD2B"/"XDB3" a single-block directory (with a leaf tail),
    // "XD2D"/"XDD3" one data block of a leaf or node directory.
    public const uint BlockMagicV4 = 0x58443242;
    public const uint BlockMagicV5 = 0x58444233;
    public const uint DataMagicV4 = 0x58443244;
    public const uint DataMagicV5 = 0x58444433;

    /// <summary>xfs_dir2_data_hdr: magic + 3 bestfree pairs (offset, length).</summary>
    public const int V4DataHeaderSize = 16;

    /// <summary>xfs_dir3_data_hdr: xfs_dir3_blk_hdr (magic, crc, blkno, lsn, uuid, owner = 48) + bestfree (12) + pad (4).</summary>
    public const int V5DataHeaderSize = 64;

    public const int V5Crc = 0x04;
    public const int V5Owner = 0x28;

    /// <summary>xfs_dir2_block_tail at the end of a single-block directory: count, stale (4 bytes each).</summary>
    public const int BlockTailSize = 8;

    /// <summary>xfs_dir2_leaf_entry: hashval, address (4 bytes each), just before the block tail.</summary>
    public const int LeafEntrySize = 8;

    /// <summary>An unused region starts with freetag 0xFFFF, then its length (2 bytes).</summary>
    public const ushort FreeTag = 0xFFFF;

    /// <summary>Directory entries and unused regions are 8-byte aligned (XFS_DIR2_DATA_ALIGN).</summary>
    public const int Alignment = 8;

    /// <summary>
    /// Data blocks live below this byte offset of the directory (XFS_DIR2_LEAF_OFFSET, 32 GiB);
    /// leaf blocks from it, free-index blocks from 64 GiB. We read only data blocks.
    /// </summary>
    public const long LeafOffset = 32L << 30;

    // Leaf and node blocks start with a da block header (xfs_da_blkinfo: forw, back, magic at
    // offset 8; v5's xfs_da3_blkinfo adds crc, blkno, lsn, uuid, owner for 56 bytes). Leaf
    // headers then hold count and stale; node headers count and level. Both are 16 bytes on
    // v4 and 64 on v5 (with padding); their entries are 8 bytes (hash + address or child block).
    public const ushort Leaf1MagicV4 = 0xD2F1;
    public const ushort Leaf1MagicV5 = 0x3DF1;
    public const ushort LeafNMagicV4 = 0xD2FF;
    public const ushort LeafNMagicV5 = 0x3DFF;
    public const ushort NodeMagicV4 = 0xFEBE;
    public const ushort NodeMagicV5 = 0x3EBE;
    public const int DaForward = 0;
    public const int DaMagic = 8;
    public const int DaV5Owner = 48;
    public const int V4DaHeaderSize = 16;
    public const int V5DaHeaderSize = 64;
    public const int V4DaCount = 12;
    public const int V5DaCount = 56;

    /// <summary>XFS_DA_NODE_MAXDEPTH: a directory's da B-tree has at most 5 levels.</summary>
    public const int MaxNodeDepth = 5;

    /// <summary>Leaf addresses count 8-byte units from the start of the directory (XFS_DIR2_DATA_ALIGN_LOG).</summary>
    public const int AddressShift = 3;

    // Short-form: xfs_dir2_sf_hdr is count (1), i8count (1), parent (4 or 8); each entry is
    // namelen (1), offset (2), name, [ftype (1)], inumber (4 or 8).
    public const int ShortformHeaderBase = 2;
    public const int ShortformEntryBase = 3;

    /// <summary>
    /// A stored name may hold neither '/' nor NUL (the kernel's xfs_dir2_namecheck treats either
    /// as corruption); such a name could otherwise split or truncate a path above us.
    /// </summary>
    public static bool IsValidName(ReadOnlySpan<byte> name) => !name.IsEmpty && name.IndexOfAny((byte)'/', (byte)0) < 0;

    // Directory entry file types (XFS_DIR3_FT_*).
    public static FileType FromDirectoryType(byte ftype) => ftype switch
    {
        1 => FileType.File,
        2 => FileType.Directory,
        3 => FileType.CharDevice,
        4 => FileType.BlockDevice,
        5 => FileType.Fifo,
        6 => FileType.Socket,
        7 => FileType.Symlink,
        _ => FileType.Unknown,
    };
}

namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>
/// The extent tree records (Documentation/filesystems/ext4/dynamic.rst, "Extent Tree"): every
/// node is a 12-byte ext4_extent_header followed by eh_max 12-byte entries, ext4_extent_idx in
/// interior nodes and ext4_extent in leaves.
/// </summary>
internal static class Ext4ExtentLayout
{
    public const int RecordSize = 12;

    // struct ext4_extent_header
    public const int Magic = 0x00;        // eh_magic, 0xF30A
    public const int Entries = 0x02;      // eh_entries
    public const int Max = 0x04;          // eh_max
    public const int Depth = 0x06;        // eh_depth

    // struct ext4_extent_idx
    public const int IndexBlock = 0x00;   // ei_block: first logical block covered
    public const int IndexLeafLo = 0x04;  // ei_leaf_lo
    public const int IndexLeafHi = 0x08;  // ei_leaf_hi

    // struct ext4_extent
    public const int ExtentBlock = 0x00;  // ee_block
    public const int ExtentLen = 0x04;    // ee_len: above 32768 the extent is uninitialised
    public const int ExtentStartHi = 0x06; // ee_start_hi
    public const int ExtentStartLo = 0x08; // ee_start_lo

    public const ushort MagicValue = 0xF30A;

    /// <summary>The kernel's EXT4_MAX_EXTENT_DEPTH: deeper trees are corrupt.</summary>
    public const int MaxDepth = 5;

    /// <summary>EXT_INIT_MAX_LEN: ee_len values above it mark an uninitialised extent of (ee_len − 32768) blocks.</summary>
    public const int InitMaxLength = 32768;
}

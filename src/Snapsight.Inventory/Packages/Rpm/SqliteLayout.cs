namespace Snapsight.Inventory.Packages.Rpm;

/// <summary>
/// The parts of the SQLite file format we read, as https://www.sqlite.org/fileformat2.html
/// numbers them (§1.3 database header, §1.6 b-tree pages, §2.1 record format, §4 WAL).
/// </summary>
internal static class SqliteLayout
{
    /// <summary>§1.3: "SQLite format 3\0".</summary>
    public static ReadOnlySpan<byte> Magic => "SQLite format 3\0"u8;

    public const int HeaderSize = 100;
    public const int PageSize = 16;
    public const int ReservedBytes = 20;
    public const int TextEncoding = 56;

    /// <summary>§1.3.4: the usable size (page size minus reserved bytes) may not be below 480.</summary>
    public const int MinUsableSize = 480;

    /// <summary>§1.6: page types.</summary>
    public const byte InteriorTable = 0x05;
    public const byte LeafTable = 0x0D;

    /// <summary>§1.6: the b-tree page header; interior pages add the right-most child pointer.</summary>
    public const int PageType = 0;
    public const int CellCount = 3;
    public const int RightMostPointer = 8;
    public const int LeafHeaderSize = 8;
    public const int InteriorHeaderSize = 12;

    /// <summary>SQLite's own BTCURSOR_MAX_DEPTH: no valid b-tree is deeper.</summary>
    public const int MaxDepth = 20;

    /// <summary>§4.1: WAL header and frame header sizes and magics (the low bit picks the checksum byte order).</summary>
    public const int WalHeaderSize = 32;
    public const int WalFrameHeaderSize = 24;
    public const uint WalMagicLittleEndian = 0x377F0682;
    public const uint WalMagicBigEndian = 0x377F0683;
}

namespace Snapsight.Disk.Lvm;

/// <summary>
/// The LVM2 label sector and the PV header that follows it inside the same sector
/// (lvm2 lib/label/label.h <c>struct label_header</c> and lib/format_text/layout.h
/// <c>struct pv_header</c>; all integers little-endian). The label sits in one of the
/// first four 512-byte sectors of the device, normally the second.
/// </summary>
internal static class LvmLabelLayout
{
    public const int SectorSize = 512;
    public const int ScanSectors = 4;

    public const int Id = 0;                // "LABELONE"
    public const int SectorNumber = 8;      // sector_xl: the sector this label was written to
    public const int Crc = 16;              // crc_xl: over bytes [ContentOffset, 512)
    public const int ContentOffset = 20;    // offset_xl: where the PV header starts, from the label start
    public const int Type = 24;             // "LVM2 001"
    public const int HeaderSize = 32;

    public static ReadOnlySpan<byte> IdValue => "LABELONE"u8;

    public static ReadOnlySpan<byte> TypeValue => "LVM2 001"u8;
}

/// <summary>The PV header (<c>struct pv_header</c>) at the label's ContentOffset.</summary>
internal static class PvHeaderLayout
{
    public const int Uuid = 0;              // 32 characters, no dashes
    public const int UuidLength = 32;
    public const int DeviceSize = 32;       // device_size_xl, bytes
    public const int DiskAreas = 40;        // data area list, then metadata area list

    /// <summary>A <c>struct disk_locn</c>: offset and size in bytes; a zero offset ends a list.</summary>
    public const int DiskLocatorSize = 16;
    public const int LocatorOffset = 0;
    public const int LocatorSize = 8;
}

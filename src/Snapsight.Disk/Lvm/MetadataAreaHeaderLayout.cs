namespace Snapsight.Disk.Lvm;

/// <summary>
/// The metadata area header (<c>struct mda_header</c>, lib/format_text/layout.h), at the
/// start of each metadata area, followed by the circular buffer that holds the text.
/// </summary>
internal static class MetadataAreaHeaderLayout
{
    public const int Size = 512;            // MDA_HEADER_SIZE
    public const int Checksum = 0;          // checksum_xl: over bytes [Magic, 512)
    public const int Magic = 4;
    public const int Version = 20;
    public const int Start = 24;            // absolute byte offset of this area on the PV
    public const int AreaSize = 32;         // bytes, including this header
    public const int RawLocations = 40;     // struct raw_locn[], ended by an all-zero one

    public const uint SupportedVersion = 1;

    // Within one struct raw_locn (24 bytes): where the current metadata text is.
    public const int LocationOffset = 0;    // from the area start
    public const int LocationSize = 8;
    public const int LocationChecksum = 16;
    public const int LocationFlags = 20;
    public const uint LocationIgnored = 0x1; // RAW_LOCN_IGNORED: this copy is deliberately unused

    public static ReadOnlySpan<byte> MagicValue => " LVM2 x[5A%r0N*>"u8;
}

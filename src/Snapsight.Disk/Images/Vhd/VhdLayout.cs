namespace Snapsight.Disk.Images.Vhd;

/// <summary>
/// The VHD hard disk footer, big-endian, 512 bytes at the end of the file (and copied at offset 0
/// for dynamic disks) (Microsoft "Virtual Hard Disk Image Format Specification" 1.0, "Hard Disk Footer Format").
/// </summary>
internal static class VhdFooterLayout
{
    public const int Size = 512;
    public static ReadOnlySpan<byte> CookieValue => "conectix"u8;

    public const int Cookie = 0;
    public const int Features = 8;
    public const int FileFormatVersion = 12;
    public const int DataOffset = 16;
    public const int CurrentSize = 48;
    public const int DiskType = 60;
    public const int Checksum = 64;

    public const uint DiskTypeFixed = 2;
    public const uint DiskTypeDynamic = 3;
    public const uint DiskTypeDifferencing = 4;
}

/// <summary>The dynamic disk header, big-endian, 1024 bytes at the footer's data offset (spec, "Dynamic Disk Header Format").</summary>
internal static class VhdDynamicHeaderLayout
{
    public const int Size = 1024;
    public static ReadOnlySpan<byte> CookieValue => "cxsparse"u8;

    public const int Cookie = 0;
    public const int TableOffset = 16;
    public const int HeaderVersion = 24;
    public const int MaxTableEntries = 28;
    public const int BlockSize = 32;
    public const int Checksum = 36;
    public const int ParentUnicodeName = 64;
    public const int ParentUnicodeNameLength = 512;

    /// <summary>A BAT entry of all ones: the block is not allocated.</summary>
    public const uint UnusedBatEntry = 0xFFFF_FFFF;
    public const int SectorSize = 512;

    // Our limits: blocks from 512 bytes to 256 MiB (the spec's default is 2 MiB).
    public const uint MinBlockSize = 512;
    public const uint MaxBlockSize = 256u * 1024 * 1024;

    /// <summary>
    /// The format's largest disk, 2040 GiB (0xFF000000 sectors: the VHD specification's limit,
    /// qemu's VHD_MAX_SECTORS). A BAT never needs more entries than this size in blocks.
    /// </summary>
    public const long MaxDiskSize = 0xFF00_0000L * SectorSize;
}

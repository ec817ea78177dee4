namespace Snapsight.Disk.Images.Vmdk;

/// <summary>
/// Byte offsets of the hosted sparse extent header, little-endian (VMware "Virtual Disk Format
/// 5.0", SparseExtentHeader). Sizes and offsets are in 512-byte sectors.
/// </summary>
internal static class VmdkSparseHeaderLayout
{
    public const uint MagicValue = 0x564D444B; // "KDMV" on disk
    public const int HeaderSize = 512;
    public const int SectorSize = 512;
    public const ulong GdAtEnd = 0xFFFF_FFFF_FFFF_FFFF;

    public const int Magic = 0;
    public const int Version = 4;
    public const int Flags = 8;
    public const int Capacity = 12;
    public const int GrainSize = 20;
    public const int DescriptorOffset = 28;
    public const int DescriptorSize = 36;
    public const int NumGtesPerGt = 44;
    public const int RgdOffset = 48;
    public const int GdOffset = 56;
    public const int Overhead = 64;
    public const int UncleanShutdown = 72;
    public const int CompressAlgorithm = 77;

    // Flags.
    public const uint FlagCompressedGrains = 1u << 16;
    public const uint FlagMarkers = 1u << 17;
    public const ushort CompressionDeflate = 1;

    /// <summary>A grain table entry of 1 means "this grain reads as zeros" (zeroed-grain GTE, flag bit 2).</summary>
    public const uint ZeroedGrain = 1;

    // Our limits: grains up to 8 MiB (VMware uses 64 KiB), grain tables up to 4096 entries (VMware: 512).
    public const ulong MaxGrainSectors = 16384;
    public const uint MaxGtesPerGt = 4096;
    public const int MaxDescriptorBytes = 64 * 1024;

    /// <summary>streamOptimized grain marker: lba (u64), size of compressed data (u32), then the data.</summary>
    public const int MarkerLba = 0;
    public const int MarkerSize = 8;
    public const int MarkerDataStart = 12;

    /// <summary>With the grain directory at the end, the footer is a header copy 1024 bytes before the end of the file.</summary>
    public const int FooterFromEnd = 1024;
}

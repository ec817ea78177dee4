namespace Snapsight.Disk.FileSystems.Ntfs;

/// <summary>
/// Byte offsets of the NTFS boot sector (the BIOS parameter block and its NTFS extension) we
/// read, named as Microsoft's "NTFS Technical Reference" and ntfs-3g's layout.h name them.
/// </summary>
internal static class NtfsBootSectorLayout
{
    public const int Size = 512;

    public const int OemId = 0x03;                  // "NTFS    "
    public const int BytesPerSector = 0x0B;         // u16
    public const int SectorsPerCluster = 0x0D;      // u8: 1..128, or above 0x80 a negative exponent: 2^(256 - value) sectors
    public const int TotalSectors = 0x28;           // s64: sectors in the volume (the backup boot sector lies after them)
    public const int MftCluster = 0x30;             // s64: LCN of $MFT
    public const int MftMirrorCluster = 0x38;       // s64: LCN of $MFTMirr
    public const int ClustersPerMftRecord = 0x40;   // s8: clusters, or when negative 2^-value bytes
    public const int ClustersPerIndexRecord = 0x44; // s8: same encoding
    public const int SerialNumber = 0x48;           // u64
    public const int EndMarker = 0x1FE;             // 0x55 0xAA

    public static ReadOnlySpan<byte> OemIdValue => "NTFS    "u8;

    public const int MinBytesPerSector = 256;
    public const int MaxBytesPerSector = 4096;

    /// <summary>Windows formats clusters up to 2 MiB (Windows 10 1709 and later).</summary>
    public const int MaxClusterSize = 2 * 1024 * 1024;

    /// <summary>MFT and index records: a power of two from one update-sequence stride to 64 KiB (Windows uses 1 KiB and 4 KiB).</summary>
    public const int MinRecordSize = 512;
    public const int MaxRecordSize = 64 * 1024;
}

namespace Snapsight.Disk.FileSystems.Fat;

/// <summary>
/// Byte offsets in the FAT boot sector (the BIOS Parameter Block), named as the Microsoft
/// "FAT: General Overview of On-Disk Format" specification (version 1.03) names them,
/// section 3.1 ("Boot Sector and BPB Structure"), 3.2 (FAT12/16 extension) and 3.3 (FAT32 extension).
/// </summary>
internal static class FatBootSectorLayout
{
    /// <summary>The spec's minimum sector: every field below lies in the first 512 bytes.</summary>
    public const int Size = 512;

    public const int BS_jmpBoot = 0;
    public const int BPB_BytsPerSec = 11;
    public const int BPB_SecPerClus = 13;
    public const int BPB_RsvdSecCnt = 14;
    public const int BPB_NumFATs = 16;
    public const int BPB_RootEntCnt = 17;
    public const int BPB_TotSec16 = 19;
    public const int BPB_Media = 21;
    public const int BPB_FATSz16 = 22;
    public const int BPB_TotSec32 = 32;

    // FAT12/FAT16 extended BPB (section 3.2).
    public const int Fat16_BS_BootSig = 38;
    public const int Fat16_BS_VolID = 39;
    public const int Fat16_BS_VolLab = 43;

    // FAT32 extended BPB (section 3.3).
    public const int BPB_FATSz32 = 36;
    public const int BPB_ExtFlags = 40;
    public const int BPB_FSVer = 42;
    public const int BPB_RootClus = 44;
    public const int Fat32_BS_BootSig = 66;
    public const int Fat32_BS_VolID = 67;
    public const int Fat32_BS_VolLab = 71;

    public const int VolumeLabelLength = 11;

    /// <summary>BS_BootSig value saying that BS_VolID and BS_VolLab are present.</summary>
    public const byte ExtendedBootSignature = 0x29;

    /// <summary>The two bytes 0x55 0xAA at offset 510, read as a little-endian word.</summary>
    public const int SignatureOffset = 510;
    public const ushort Signature = 0xAA55;
}

namespace Snapsight.Disk.Partitions;

/// <summary>
/// The classic PC master boot record and the extended boot records (EBRs) of an extended
/// partition share this layout: four 16-byte entries at 446 and the 0x55 0xAA signature at
/// 510 (UEFI 2.10 §5.2.1, "Legacy Master Boot Record").
/// </summary>
internal static class MbrLayout
{
    public const int SectorSize = 512;
    public const int EntryTable = 446;
    public const int EntrySize = 16;
    public const int EntryCount = 4;
    public const int Signature = 510;
    public const ushort SignatureValue = 0xAA55; // bytes 0x55, 0xAA read little-endian

    // Within one entry.
    public const int BootIndicator = 0;
    public const int OsType = 4;
    public const int StartingLba = 8;
    public const int SizeInLba = 12;
}

namespace Snapsight.Disk.FileSystems.Fat;

/// <summary>
/// The 32-byte long-file-name entry, Microsoft FAT specification section 7
/// ("Long File Name Implementation"): 13 UTF-16 code units spread over three fields.
/// </summary>
internal static class FatLongNameEntryLayout
{
    public const int LDIR_Ord = 0;
    public const int LDIR_Name1 = 1;
    public const int Name1Units = 5;
    public const int LDIR_Type = 12;
    public const int LDIR_Chksum = 13;
    public const int LDIR_Name2 = 14;
    public const int Name2Units = 6;
    public const int LDIR_FstClusLO = 26;
    public const int LDIR_Name3 = 28;
    public const int Name3Units = 2;

    public const int UnitsPerEntry = Name1Units + Name2Units + Name3Units;

    /// <summary>LDIR_Ord bit marking the physically first (logically last) entry of a set.</summary>
    public const byte LastLongEntry = 0x40;
    public const byte OrdinalMask = 0x1F;

    /// <summary>Section 7: a long name holds at most 255 characters, so a set has at most 20 entries.</summary>
    public const int MaxNameLength = 255;
    public const int MaxEntriesPerName = 20;
}

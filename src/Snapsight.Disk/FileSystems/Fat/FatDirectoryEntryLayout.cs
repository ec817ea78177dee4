namespace Snapsight.Disk.FileSystems.Fat;

/// <summary>
/// The 32-byte short (8.3) directory entry, Microsoft FAT specification section 6
/// ("Directory Structure"), plus the NT case bits of DIR_NTRes that Windows NT and Linux
/// use to record all-lowercase base names and extensions without a long-name entry.
/// </summary>
internal static class FatDirectoryEntryLayout
{
    public const int Size = 32;

    public const int DIR_Name = 0;
    public const int NameLength = 11;
    public const int BaseNameLength = 8;
    public const int DIR_Attr = 11;
    public const int DIR_NTRes = 12;
    public const int DIR_FstClusHI = 20;
    public const int DIR_WrtTime = 22;
    public const int DIR_WrtDate = 24;
    public const int DIR_FstClusLO = 26;
    public const int DIR_FileSize = 28;

    public const byte ATTR_READ_ONLY = 0x01;
    public const byte ATTR_HIDDEN = 0x02;
    public const byte ATTR_SYSTEM = 0x04;
    public const byte ATTR_VOLUME_ID = 0x08;
    public const byte ATTR_DIRECTORY = 0x10;

    /// <summary>All four low bits set marks a long-name entry (section 7).</summary>
    public const byte ATTR_LONG_NAME = ATTR_READ_ONLY | ATTR_HIDDEN | ATTR_SYSTEM | ATTR_VOLUME_ID;
    public const byte ATTR_LONG_NAME_MASK = 0x3F;

    /// <summary>DIR_Name[0]: this slot and every later one are free (section 6.1).</summary>
    public const byte EndOfDirectory = 0x00;

    /// <summary>DIR_Name[0]: the entry was deleted.</summary>
    public const byte Deleted = 0xE5;

    /// <summary>DIR_Name[0]: stands for a real leading 0xE5 (a KANJI lead byte).</summary>
    public const byte EscapedE5 = 0x05;

    /// <summary>DIR_NTRes bit: the 8-character base name is all lowercase.</summary>
    public const byte NtLowercaseBase = 0x08;

    /// <summary>DIR_NTRes bit: the 3-character extension is all lowercase.</summary>
    public const byte NtLowercaseExtension = 0x10;

    /// <summary>Section 6: a directory may hold at most 65,536 32-byte entries (2 MiB).</summary>
    public const int MaxEntriesPerDirectory = 65536;
}

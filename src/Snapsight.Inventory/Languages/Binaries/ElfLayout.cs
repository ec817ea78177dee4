namespace Snapsight.Inventory.Languages.Binaries;

/// <summary>
/// Offsets of the ELF header and section header fields this reader uses, from the System V
/// gABI ("Object Files", ELF header and Sections), for the 32-bit and 64-bit classes.
/// </summary>
internal static class ElfLayout
{
    /// <summary>e_ident: 0x7F 'E' 'L' 'F', then EI_CLASS and EI_DATA.</summary>
    public static ReadOnlySpan<byte> Magic => [0x7F, (byte)'E', (byte)'L', (byte)'F'];

    public const int Class = 4;
    public const int Data = 5;
    public const byte Class32 = 1;
    public const byte Class64 = 2;
    public const byte DataLittleEndian = 1;
    public const byte DataBigEndian = 2;

    /// <summary>The 64-bit header's size; the 32-bit one (52 bytes) fits in it.</summary>
    public const int HeaderSize = 64;

    public static class Header32
    {
        public const int SectionTableOffset = 32;
        public const int SectionEntrySize = 46;
        public const int SectionCount = 48;
        public const int SectionNamesIndex = 50;
    }

    public static class Header64
    {
        public const int SectionTableOffset = 40;
        public const int SectionEntrySize = 58;
        public const int SectionCount = 60;
        public const int SectionNamesIndex = 62;
    }

    public static class Section32
    {
        public const int Size = 40;
        public const int Name = 0;
        public const int Type = 4;
        public const int Address = 12;
        public const int Offset = 16;
        public const int DataSize = 20;
    }

    public static class Section64
    {
        public const int Size = 64;
        public const int Name = 0;
        public const int Type = 4;
        public const int Address = 16;
        public const int Offset = 24;
        public const int DataSize = 32;
    }

    /// <summary>SHT_NOBITS: the section takes no bytes in the file (.bss).</summary>
    public const uint SectionTypeNoBits = 8;

    /// <summary>SHN_XINDEX: the real section-name index is elsewhere (extended numbering), which this reader does not follow.</summary>
    public const int ExtendedIndex = 0xFFFF;
}

namespace Snapsight.Disk.Partitions;

/// <summary>The GPT header (UEFI 2.10 §5.3.2, table 5-5). All fields little-endian.</summary>
internal static class GptHeaderLayout
{
    public const int Signature = 0;
    public const int Revision = 8;
    public const int HeaderSize = 12;
    public const int HeaderCrc32 = 16;
    public const int MyLba = 24;
    public const int AlternateLba = 32;
    public const int FirstUsableLba = 40;
    public const int LastUsableLba = 48;
    public const int DiskGuid = 56;
    public const int PartitionEntryLba = 72;
    public const int NumberOfPartitionEntries = 80;
    public const int SizeOfPartitionEntry = 84;
    public const int PartitionEntryArrayCrc32 = 88;

    /// <summary>The header as revision 1.0 defines it; the rest of the sector is reserved.</summary>
    public const int MinimumHeaderSize = 92;

    public static ReadOnlySpan<byte> SignatureValue => "EFI PART"u8;
}

/// <summary>One GPT partition entry (UEFI 2.10 §5.3.3, table 5-6).</summary>
internal static class GptEntryLayout
{
    public const int PartitionTypeGuid = 0;
    public const int UniquePartitionGuid = 16;
    public const int StartingLba = 32;
    public const int EndingLba = 40;
    public const int Attributes = 48;
    public const int PartitionName = 56;
    public const int PartitionNameLength = 72; // 36 UTF-16LE code units

    /// <summary>The spec requires 128 × 2^n bytes per entry.</summary>
    public const int MinimumSize = 128;

    /// <summary>Our bound: no tool writes more than 128; a 4 KiB entry is already absurd.</summary>
    public const int MaximumSize = 4096;

    /// <summary>Our bound on the whole entry array (the usual one is 16 KiB: 128 entries of 128 bytes).</summary>
    public const int MaximumArrayBytes = 1024 * 1024;
}

namespace Snapsight.Disk.Partitions;

/// <summary>
/// Names for the partition types a scanner meets on Linux and Windows guests. MBR type bytes
/// follow the long-standing PC convention (as listed by util-linux fdisk); GPT GUIDs are from
/// UEFI 2.10 §5.3.3 (EFI System) and the Discoverable Partitions Specification (Linux ones).
/// </summary>
internal static class PartitionTypes
{
    public const string Unknown = "Unknown";

    public const byte MbrEmpty = 0x00;
    public const byte MbrProtectiveGpt = 0xEE;

    /// <summary>The three type bytes that mark an extended partition holding an EBR chain.</summary>
    public static bool IsMbrExtended(byte type) => type is 0x05 or 0x0F or 0x85;

    public static string MbrTypeId(byte type) => $"0x{type:x2}";

    public static string MbrName(byte type) => type switch
    {
        0x01 => "FAT12",
        0x04 => "FAT16 <32M",
        0x05 => "Extended",
        0x06 => "FAT16",
        0x07 => "HPFS/NTFS/exFAT",
        0x0B => "W95 FAT32",
        0x0C => "W95 FAT32 (LBA)",
        0x0E => "W95 FAT16 (LBA)",
        0x0F => "W95 Ext'd (LBA)",
        0x82 => "Linux swap / Solaris",
        0x83 => "Linux",
        0x85 => "Linux extended",
        0x8E => "Linux LVM",
        0xA5 => "FreeBSD",
        0xEE => "GPT",
        0xEF => "EFI (FAT-12/16/32)",
        0xFD => "Linux raid autodetect",
        _ => Unknown,
    };

    public static string GptTypeId(Guid type) => type.ToString("D").ToUpperInvariant();

    public static string GptName(Guid type) => GptTypeId(type) switch
    {
        "C12A7328-F81F-11D2-BA4B-00A0C93EC93B" => "EFI System",
        "21686148-6449-6E6F-744E-656564454649" => "BIOS boot",
        "0FC63DAF-8483-4772-8E79-3D69D8477DE4" => "Linux filesystem",
        "E6D6D379-F507-44C2-A23C-238F2A3DF928" => "Linux LVM",
        "0657FD6D-A4AB-43C4-84E5-0933C84B4F4F" => "Linux swap",
        "A19D880F-05FC-4D3B-A006-743F0F84911E" => "Linux RAID",
        "CA7D7CCB-63ED-4C53-861C-1742536059CC" => "Linux LUKS",
        "4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709" => "Linux root (x86-64)",
        "B921B045-1DF0-41C3-AF44-4C6F280D3FAE" => "Linux root (ARM-64)",
        "933AC7E1-2EB4-4F13-B844-0E14E2AEF915" => "Linux home",
        "BC13C2FF-59E6-4262-A352-B275FD6F7172" => "Linux extended boot",
        "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7" => "Microsoft basic data",
        "E3C9E316-0B5C-4DB8-817D-F92DF00215AE" => "Microsoft reserved",
        "DE94BBA4-06D1-4D40-A16A-BFD50179D6AC" => "Windows recovery environment",
        _ => Unknown,
    };
}

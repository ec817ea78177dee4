using System.Buffers.Binary;
using L = Snapsight.Disk.FileSystems.Fat.FatDirectoryEntryLayout;

namespace Snapsight.Disk.FileSystems.Fat;

/// <summary>
/// One 32-byte short directory entry, decoded (specification section 6). A volume-label entry's
/// eleven bytes are one name rather than 8.3, so they are decoded apart into <see cref="VolumeLabel"/>.
/// </summary>
internal readonly record struct FatDirectoryRecord(
    byte FirstNameByte,
    byte Attributes,
    string ShortName,
    byte ShortNameChecksum,
    uint FirstCluster,
    uint FileSize,
    DateTimeOffset? ModifiedAt,
    string? VolumeLabel)
{
    public bool IsEndOfDirectory => FirstNameByte == L.EndOfDirectory;

    public bool IsDeleted => FirstNameByte == L.Deleted;

    public bool IsLongName => (Attributes & L.ATTR_LONG_NAME_MASK) == L.ATTR_LONG_NAME;

    public bool IsVolumeLabel => !IsLongName && (Attributes & L.ATTR_VOLUME_ID) != 0;

    public bool IsDirectory => (Attributes & L.ATTR_DIRECTORY) != 0;

    public bool IsReadOnly => (Attributes & L.ATTR_READ_ONLY) != 0;

    /// <summary>The "." and ".." entries every subdirectory starts with (section 6.7).</summary>
    public bool IsDotEntry => ShortName is "." or "..";

    public static FatDirectoryRecord Parse(ReadOnlySpan<byte> slot, FatVariant variant)
    {
        var name = slot.Slice(L.DIR_Name, L.NameLength);
        var attributes = slot[L.DIR_Attr];
        var isLabel = (attributes & L.ATTR_LONG_NAME_MASK) != L.ATTR_LONG_NAME && (attributes & L.ATTR_VOLUME_ID) != 0;
        var low = BinaryPrimitives.ReadUInt16LittleEndian(slot[L.DIR_FstClusLO..]);

        // FAT12/16 keep DIR_FstClusHI at 0 (OS/2 used it for extended attributes): only FAT32 reads it.
        uint high = variant == FatVariant.Fat32 ? BinaryPrimitives.ReadUInt16LittleEndian(slot[L.DIR_FstClusHI..]) : 0u;
        return new FatDirectoryRecord(
            slot[L.DIR_Name],
            attributes,
            FatShortName.Decode(name, slot[L.DIR_NTRes]),
            FatShortName.Checksum(name),
            ((high << 16) | low) & 0x0FFFFFFF,
            BinaryPrimitives.ReadUInt32LittleEndian(slot[L.DIR_FileSize..]),
            Timestamp(BinaryPrimitives.ReadUInt16LittleEndian(slot[L.DIR_WrtDate..]), BinaryPrimitives.ReadUInt16LittleEndian(slot[L.DIR_WrtTime..])),
            isLabel ? FatShortName.DecodeLabel(name) : null);
    }

    /// <summary>
    /// Section 6.4 date and time fields. FAT records local time without a zone; we report it as
    /// UTC, and report nothing for an impossible date rather than inventing one.
    /// </summary>
    private static DateTimeOffset? Timestamp(ushort date, ushort time)
    {
        int year = 1980 + (date >> 9), month = (date >> 5) & 0x0F, day = date & 0x1F;
        int hour = time >> 11, minute = (time >> 5) & 0x3F, second = (time & 0x1F) * 2;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        return new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
    }
}

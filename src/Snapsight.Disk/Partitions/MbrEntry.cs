using System.Buffers.Binary;

namespace Snapsight.Disk.Partitions;

/// <summary>One 16-byte MBR/EBR partition entry (CHS fields are ignored: only the LBA fields are meaningful on disks of today).</summary>
internal readonly record struct MbrEntry(byte BootIndicator, byte Type, uint StartingLba, uint SizeInLba)
{
    public bool IsEmpty => Type == PartitionTypes.MbrEmpty || SizeInLba == 0;

    /// <summary>Boot indicators other than 0x00 and 0x80 mean the sector is not a partition table (e.g. FAT boot code).</summary>
    public bool HasValidBootIndicator => BootIndicator is 0x00 or 0x80;

    public static MbrEntry Parse(ReadOnlySpan<byte> sector, int index)
    {
        var entry = sector.Slice(MbrLayout.EntryTable + (index * MbrLayout.EntrySize), MbrLayout.EntrySize);
        return new MbrEntry(
            entry[MbrLayout.BootIndicator],
            entry[MbrLayout.OsType],
            BinaryPrimitives.ReadUInt32LittleEndian(entry[MbrLayout.StartingLba..]),
            BinaryPrimitives.ReadUInt32LittleEndian(entry[MbrLayout.SizeInLba..]));
    }

    public static bool HasSignature(ReadOnlySpan<byte> sector) =>
        sector.Length >= MbrLayout.SectorSize
        && BinaryPrimitives.ReadUInt16LittleEndian(sector[MbrLayout.Signature..]) == MbrLayout.SignatureValue;
}

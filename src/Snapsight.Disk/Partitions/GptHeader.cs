using System.Buffers.Binary;
using Snapsight.Disk.Checksums;

namespace Snapsight.Disk.Partitions;

/// <summary>A GPT header that passed every check that can be made without reading its entry array.</summary>
internal readonly record struct GptHeader(
    ulong MyLba,
    ulong AlternateLba,
    ulong FirstUsableLba,
    ulong LastUsableLba,
    Guid DiskGuid,
    ulong PartitionEntryLba,
    int NumberOfPartitionEntries,
    int SizeOfPartitionEntry,
    uint PartitionEntryArrayCrc32)
{
    public int EntryArrayBytes => NumberOfPartitionEntries * SizeOfPartitionEntry; // bounded by Parse

    public static bool HasSignature(ReadOnlySpan<byte> sector) =>
        sector.Length >= GptHeaderLayout.MinimumHeaderSize && sector.StartsWith(GptHeaderLayout.SignatureValue);

    /// <summary>
    /// Validates the header found at <paramref name="expectedLba"/> (UEFI 2.10 §5.3.2, "GPT
    /// header validity"). Returns null and says why when this copy must not be trusted, so
    /// that the caller can fall back to the other copy.
    /// </summary>
    public static GptHeader? TryParse(ReadOnlySpan<byte> sector, ulong expectedLba, ulong diskSectors, out string problem)
    {
        if (!HasSignature(sector))
        {
            problem = "no \"EFI PART\" signature";
            return null;
        }

        var headerSize = BinaryPrimitives.ReadUInt32LittleEndian(sector[GptHeaderLayout.HeaderSize..]);
        if (headerSize < GptHeaderLayout.MinimumHeaderSize || headerSize > (uint)sector.Length)
        {
            problem = $"HeaderSize {headerSize} is outside [{GptHeaderLayout.MinimumHeaderSize}, {sector.Length}]";
            return null;
        }

        var stored = BinaryPrimitives.ReadUInt32LittleEndian(sector[GptHeaderLayout.HeaderCrc32..]);
        var computed = HeaderCrc(sector[..(int)headerSize]);
        if (stored != computed)
        {
            problem = $"CRC mismatch (stored 0x{stored:x8}, computed 0x{computed:x8})";
            return null;
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(sector[GptHeaderLayout.NumberOfPartitionEntries..]);
        var entrySize = BinaryPrimitives.ReadUInt32LittleEndian(sector[GptHeaderLayout.SizeOfPartitionEntry..]);
        var myLba = BinaryPrimitives.ReadUInt64LittleEndian(sector[GptHeaderLayout.MyLba..]);
        var firstUsable = BinaryPrimitives.ReadUInt64LittleEndian(sector[GptHeaderLayout.FirstUsableLba..]);
        var lastUsable = BinaryPrimitives.ReadUInt64LittleEndian(sector[GptHeaderLayout.LastUsableLba..]);
        var entryLba = BinaryPrimitives.ReadUInt64LittleEndian(sector[GptHeaderLayout.PartitionEntryLba..]);
        var arrayBytes = (ulong)count * entrySize; // both below 2^32: fits in a ulong
        var arraySectors = (arrayBytes + (ulong)sector.Length - 1) / (ulong)sector.Length;
        problem = FieldProblem();
        if (problem.Length != 0)
        {
            return null;
        }

        return new GptHeader(
            myLba,
            BinaryPrimitives.ReadUInt64LittleEndian(sector[GptHeaderLayout.AlternateLba..]),
            firstUsable,
            lastUsable,
            new Guid(sector.Slice(GptHeaderLayout.DiskGuid, 16)),
            entryLba,
            (int)count,
            (int)entrySize,
            BinaryPrimitives.ReadUInt32LittleEndian(sector[GptHeaderLayout.PartitionEntryArrayCrc32..]));

        string FieldProblem()
        {
            if (myLba != expectedLba)
            {
                return $"MyLBA is {myLba}, but the header was read at LBA {expectedLba}";
            }

            if (firstUsable > lastUsable)
            {
                return $"FirstUsableLBA {firstUsable} is after LastUsableLBA {lastUsable}";
            }

            if (entrySize < GptEntryLayout.MinimumSize || entrySize > GptEntryLayout.MaximumSize || !uint.IsPow2(entrySize))
            {
                return $"SizeOfPartitionEntry {entrySize} is not 128 × 2^n bytes up to {GptEntryLayout.MaximumSize}";
            }

            if (arrayBytes > GptEntryLayout.MaximumArrayBytes)
            {
                return $"NumberOfPartitionEntries {count} × {entrySize} bytes exceeds the {GptEntryLayout.MaximumArrayBytes}-byte bound on the entry array";
            }

            if (entryLba >= diskSectors || arraySectors > diskSectors - entryLba)
            {
                return $"the entry array ({arraySectors} sectors at LBA {entryLba}) lies past the end of the disk ({diskSectors} sectors)";
            }

            return entryLba <= myLba && myLba - entryLba < arraySectors ? $"the entry array at LBA {entryLba} overlaps the header itself" : "";
        }
    }

    /// <summary>The header CRC is computed over HeaderSize bytes with the CRC field itself taken as zero.</summary>
    private static uint HeaderCrc(ReadOnlySpan<byte> header)
    {
        Span<byte> zero = stackalloc byte[4];
        zero.Clear();
        var crc = Crc32.Update(uint.MaxValue, header[..GptHeaderLayout.HeaderCrc32]);
        crc = Crc32.Update(crc, zero);
        return ~Crc32.Update(crc, header[(GptHeaderLayout.HeaderCrc32 + 4)..]);
    }
}

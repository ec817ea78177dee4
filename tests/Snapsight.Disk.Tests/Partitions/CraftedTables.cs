using System.Buffers.Binary;
using System.Text;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.Partitions;

/// <summary>One GPT entry to write: LBAs as the table stores them (inclusive end).</summary>
public sealed record CraftedGptEntry(Guid Type, ulong FirstLba, ulong LastLba, string Name = "");

/// <summary>
/// Writes MBR/EBR sectors and GPTs byte by byte from the specifications (UEFI 2.10 §5.2.1
/// legacy MBR, §5.3.2 GPT header, §5.3.3 entries), for hostile inputs no tool would write.
/// Checksums use the test-side <see cref="BitwiseCrc32"/>, not the code under test.
/// </summary>
public static class CraftedTables
{
    public static readonly Guid LinuxFileSystem = Guid.Parse("0FC63DAF-8483-4772-8E79-3D69D8477DE4");

    public static void WriteMbrEntry(Span<byte> sector, int slot, byte type, uint firstLba, uint sectorCount)
    {
        var entry = sector.Slice(446 + (16 * slot), 16);
        entry.Clear();
        entry[4] = type;
        BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], firstLba);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[12..], sectorCount);
    }

    public static void Sign(Span<byte> sector)
    {
        sector[510] = 0x55;
        sector[511] = 0xAA;
    }

    /// <summary>
    /// A whole disk image with a protective MBR, the primary GPT at LBA 1 (array at LBA 2)
    /// and the backup at the last LBA (array just before it). <paramref name="patchHeader"/>
    /// may change the primary header's fields before its CRC is computed.
    /// </summary>
    public static byte[] Gpt(int sectorSize, long diskSectors, IReadOnlyList<CraftedGptEntry> entries,
        Action<Span<byte>>? patchHeader = null, bool writeBackup = true, int entryCount = 128)
    {
        var image = new byte[diskSectors * sectorSize];
        WriteMbrEntry(image, 0, 0xEE, 1, (uint)Math.Min(diskSectors - 1, uint.MaxValue));
        Sign(image);

        var array = new byte[entryCount * 128];
        for (var i = 0; i < entries.Count; i++)
        {
            var e = array.AsSpan(i * 128, 128);
            entries[i].Type.TryWriteBytes(e);
            Guid.NewGuid().TryWriteBytes(e[16..]);
            BinaryPrimitives.WriteUInt64LittleEndian(e[32..], entries[i].FirstLba);
            BinaryPrimitives.WriteUInt64LittleEndian(e[40..], entries[i].LastLba);
            Encoding.Unicode.GetBytes(entries[i].Name).CopyTo(e[56..]);
        }

        var arraySectors = (array.Length + sectorSize - 1) / sectorSize;
        var lastLba = (ulong)diskSectors - 1;
        var diskGuid = Guid.NewGuid();
        WriteHeader(image.AsSpan(sectorSize, sectorSize), 1, lastLba, 2, array, diskGuid, arraySectors, lastLba, patchHeader);
        array.CopyTo(image, 2 * sectorSize);
        if (writeBackup)
        {
            var backupArrayLba = lastLba - (ulong)arraySectors;
            WriteHeader(image.AsSpan((int)lastLba * sectorSize, sectorSize), lastLba, 1, backupArrayLba, array, diskGuid, arraySectors, lastLba, null);
            array.CopyTo(image, (int)backupArrayLba * sectorSize);
        }

        return image;
    }

    private static void WriteHeader(Span<byte> h, ulong myLba, ulong alternateLba, ulong arrayLba, byte[] array, Guid diskGuid,
        int arraySectors, ulong lastLba, Action<Span<byte>>? patch)
    {
        "EFI PART"u8.CopyTo(h);
        BinaryPrimitives.WriteUInt32LittleEndian(h[8..], 0x00010000);
        BinaryPrimitives.WriteUInt32LittleEndian(h[12..], 92);
        BinaryPrimitives.WriteUInt64LittleEndian(h[24..], myLba);
        BinaryPrimitives.WriteUInt64LittleEndian(h[32..], alternateLba);
        BinaryPrimitives.WriteUInt64LittleEndian(h[40..], 2 + (ulong)arraySectors);
        BinaryPrimitives.WriteUInt64LittleEndian(h[48..], lastLba - 1 - (ulong)arraySectors);
        diskGuid.TryWriteBytes(h[56..]);
        BinaryPrimitives.WriteUInt64LittleEndian(h[72..], arrayLba);
        BinaryPrimitives.WriteUInt32LittleEndian(h[80..], (uint)(array.Length / 128));
        BinaryPrimitives.WriteUInt32LittleEndian(h[84..], 128);
        BinaryPrimitives.WriteUInt32LittleEndian(h[88..], BitwiseCrc32.Ieee(array));
        patch?.Invoke(h);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], BitwiseCrc32.Ieee(h[..92]));
    }
}

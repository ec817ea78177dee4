using System.Buffers.Binary;

namespace Snapsight.Inventory.Packages.Rpm;

/// <summary>
/// Reads the header blobs of an NDB <c>Packages.db</c> through its slot table. The slot area's
/// size (slotnpages × 256 slots) is computed in 64-bit checked arithmetic and must lie inside the
/// file: a 32-bit product can wrap to a small number and let slots be read from anywhere
/// (CVE-2026-44605). Each slot's blob is checked against the file and its own header before use,
/// and since valid blobs never overlap, the blocks of all used slots together may not exceed the
/// file: many slots naming one huge blob would otherwise make us parse it once per slot.
/// </summary>
internal static class NdbDatabase
{
    public static bool IsNdb(ReadOnlySpan<byte> file) => file.StartsWith(NdbLayout.HeaderMagic);

    public static IEnumerable<RpmBlob> Blobs(ReadOnlyMemory<byte> file)
    {
        var slotCount = SlotCount(file.Span);
        long blobBytes = 0;
        for (long slot = NdbLayout.FirstSlot; slot < slotCount; slot++)
        {
            var blob = ReadSlot(file, slot);
            if (blob is not { } found)
            {
                continue;
            }

            blobBytes += found.Data.Length;
            if (blobBytes > file.Length)
            {
                throw Bad("ndb.slot", slot * NdbLayout.SlotSize, $"the blobs of the slots up to {slot} add up to more than the {file.Length}-byte file: they overlap");
            }

            yield return found;
        }
    }

    private static long SlotCount(ReadOnlySpan<byte> file)
    {
        if (file.Length < NdbLayout.HeaderSize || !IsNdb(file))
        {
            throw Bad("ndb.header", 0, "no NDB magic \"RpmP\"");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(file[NdbLayout.Version..]);
        if (version != 0)
        {
            throw Bad("ndb.header", NdbLayout.Version, $"unknown NDB version {version}");
        }

        var slotPages = BinaryPrimitives.ReadUInt32LittleEndian(file[NdbLayout.SlotPageCount..]);
        var slotAreaBytes = checked((long)slotPages * NdbLayout.PageSize);
        if (slotPages == 0 || slotAreaBytes > file.Length)
        {
            throw Bad("ndb.header", NdbLayout.SlotPageCount, $"slotnpages={slotPages} ({slotAreaBytes} bytes of slots) does not fit the {file.Length}-byte file");
        }

        return checked((long)slotPages * NdbLayout.SlotsPerPage);
    }

    private static RpmBlob? ReadSlot(ReadOnlyMemory<byte> file, long slot)
    {
        var at = slot * NdbLayout.SlotSize;
        var entry = file.Span.Slice((int)at, NdbLayout.SlotSize);
        var packageIndex = BinaryPrimitives.ReadUInt32LittleEndian(entry[NdbLayout.SlotPackageIndex..]);
        if (packageIndex == 0)
        {
            return null; // a free slot
        }

        if (!entry.StartsWith(NdbLayout.SlotMagic))
        {
            return RpmBlob.Failed(Bad("ndb.slot", at, $"slot {slot} has no \"Slot\" magic"));
        }

        var blockOffset = BinaryPrimitives.ReadUInt32LittleEndian(entry[NdbLayout.SlotBlockOffset..]);
        var blockCount = BinaryPrimitives.ReadUInt32LittleEndian(entry[NdbLayout.SlotBlockCount..]);
        var start = (long)blockOffset * NdbLayout.BlockSize;
        var length = (long)blockCount * NdbLayout.BlockSize;
        if (length < NdbLayout.BlobHeaderSize + NdbLayout.BlobTailSize || start + length > file.Length)
        {
            return RpmBlob.Failed(Bad("ndb.slot", at, $"slot {slot} places its blob at {start}+{length}, outside the {file.Length}-byte file"));
        }

        var blob = file.Span.Slice((int)start, (int)length);
        var blobIndex = BinaryPrimitives.ReadUInt32LittleEndian(blob[NdbLayout.BlobPackageIndex..]);
        var dataLength = BinaryPrimitives.ReadUInt32LittleEndian(blob[NdbLayout.BlobLength..]);
        if (!blob.StartsWith(NdbLayout.BlobMagic) || blobIndex != packageIndex)
        {
            return RpmBlob.Failed(Bad("ndb.blob", start, $"blob for package {packageIndex} has no \"BlbS\" magic or names package {blobIndex}"));
        }

        if (dataLength > length - NdbLayout.BlobHeaderSize - NdbLayout.BlobTailSize)
        {
            return RpmBlob.Failed(Bad("ndb.blob", start, $"blob length {dataLength} exceeds its {blockCount} blocks"));
        }

        return new RpmBlob(file.Slice((int)start + NdbLayout.BlobHeaderSize, (int)dataLength), start + NdbLayout.BlobHeaderSize, null);
    }

    private static PackageDatabaseException Bad(string structure, long offset, string problem) => new("rpm", structure, offset, problem);
}

using System.Buffers.Binary;
using L = Snapsight.Disk.FileSystems.Ntfs.NtfsRecordLayout;

namespace Snapsight.Disk.FileSystems.Ntfs;

/// <summary>
/// Parses the entries behind an INDEX_HEADER (in $INDEX_ROOT or an INDX block). Every entry lies
/// inside the header's bytes in use, which lie inside the buffer; each advances by at least 16
/// bytes; its key and child VCN lie inside it; and the node must end with a last entry.
/// </summary>
internal static class NtfsIndexNode
{
    private const string Structure = "ntfs.index_entry";

    public static IReadOnlyList<NtfsIndexEntry> Parse(ReadOnlySpan<byte> buffer, int headerAt, long deviceOffset)
    {
        if (headerAt > buffer.Length - L.HeaderSize)
        {
            throw NtfsError.At("ntfs.index_header", deviceOffset + headerAt, "the index header lies outside its record");
        }

        var header = buffer[headerAt..];
        var entriesOffset = BinaryPrimitives.ReadUInt32LittleEndian(header[L.HeaderEntriesOffset..]);
        var indexLength = BinaryPrimitives.ReadUInt32LittleEndian(header[L.HeaderIndexLength..]);
        if (entriesOffset < L.HeaderSize || indexLength > header.Length || entriesOffset > indexLength)
        {
            throw NtfsError.At("ntfs.index_header", deviceOffset + headerAt,
                $"entries from {entriesOffset} to {indexLength} lie outside the {header.Length} bytes after the header");
        }

        var used = header[..(int)indexLength];
        var entries = new List<NtfsIndexEntry>();
        var at = (int)entriesOffset;
        while (true)
        {
            var where = deviceOffset + headerAt + at;
            if (at > used.Length - L.EntryKey)
            {
                throw NtfsError.At(Structure, where, "the index node ends without a last entry");
            }

            var entry = used[at..];
            int length = BinaryPrimitives.ReadUInt16LittleEndian(entry[L.EntryLength..]);
            int keyLength = BinaryPrimitives.ReadUInt16LittleEndian(entry[L.EntryKeyLength..]);
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(entry[L.EntryFlags..]);
            var hasChild = (flags & L.EntryHasChild) != 0;
            var isLast = (flags & L.EntryLast) != 0;
            var minimum = L.EntryKey + (isLast ? 0 : keyLength) + (hasChild ? 8 : 0);
            if (length < minimum || (length & 7) != 0 || length > entry.Length)
            {
                throw NtfsError.At(Structure, where, $"entry length {length} (key {keyLength}, flags 0x{flags:X}) is under {minimum}, not 8-aligned, or past the node's end");
            }

            long? child = hasChild ? BinaryPrimitives.ReadInt64LittleEndian(entry[(length - 8)..]) : null;
            if (isLast)
            {
                entries.Add(new NtfsIndexEntry(0, 0, "", 0, child, IsLast: true));
                return entries;
            }

            entries.Add(ParseFileName(entry[..length], keyLength, child, where));
            at += length;
        }
    }

    private static NtfsIndexEntry ParseFileName(ReadOnlySpan<byte> entry, int keyLength, long? child, long where)
    {
        var key = entry.Slice(L.EntryKey, keyLength);
        if (key.Length < L.FileNameName)
        {
            throw NtfsError.At(Structure, where, $"$FILE_NAME key of {key.Length} bytes is shorter than its {L.FileNameName}-byte header");
        }

        int nameLength = key[L.FileNameLength];
        if (L.FileNameName + (2 * nameLength) > key.Length || nameLength == 0)
        {
            throw NtfsError.At(Structure, where, $"name of {nameLength} units does not fit the {key.Length}-byte $FILE_NAME key");
        }

        var reference = BinaryPrimitives.ReadUInt64LittleEndian(entry[L.EntryFileReference..]);
        var name = new string(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(key.Slice(L.FileNameName, 2 * nameLength)));
        return new NtfsIndexEntry((long)(reference & 0xFFFF_FFFF_FFFF), (ushort)(reference >> 48), name, key[L.FileNameNamespace], child, IsLast: false);
    }
}

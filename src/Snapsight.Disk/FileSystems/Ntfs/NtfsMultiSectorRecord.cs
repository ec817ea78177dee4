using System.Buffers.Binary;
using L = Snapsight.Disk.FileSystems.Ntfs.NtfsRecordLayout;

namespace Snapsight.Disk.FileSystems.Ntfs;

/// <summary>
/// FILE and INDX records are written with an update sequence: the last two bytes of every
/// 512-byte stride hold the update sequence number, and the real bytes live in the update
/// sequence array. Undoing it proves the record was written whole; a stride whose number does
/// not match is a torn or corrupt record and is refused (ntfs-3g: ntfs_mst_post_read_fixup).
/// </summary>
internal static class NtfsMultiSectorRecord
{
    /// <summary>Checks the magic and applies the fixups in place.</summary>
    public static void Fixup(Span<byte> record, ReadOnlySpan<byte> magic, string structure, long deviceOffset)
    {
        if (!record[..4].SequenceEqual(magic))
        {
            throw NtfsError.At(structure, deviceOffset, $"the signature is \"{Printable(record[..4])}\", not \"{System.Text.Encoding.ASCII.GetString(magic)}\"");
        }

        int usaOffset = BinaryPrimitives.ReadUInt16LittleEndian(record[L.UsaOffset..]);
        int usaCount = BinaryPrimitives.ReadUInt16LittleEndian(record[L.UsaCount..]);
        var strides = record.Length / L.UsaStride;
        // The array holds the sequence number then one saved pair per stride, and must lie inside the first stride.
        if (usaCount != strides + 1 || usaOffset < L.UsaCount + 2 || (usaOffset & 1) != 0 || usaOffset + (2 * usaCount) > L.UsaStride - 2)
        {
            throw NtfsError.At(structure, deviceOffset + L.UsaOffset,
                $"update sequence array at {usaOffset} with {usaCount} entries does not fit a {record.Length}-byte record of {strides} strides");
        }

        var sequence = BinaryPrimitives.ReadUInt16LittleEndian(record[usaOffset..]);
        for (var i = 0; i < strides; i++)
        {
            var tail = ((i + 1) * L.UsaStride) - 2;
            var found = BinaryPrimitives.ReadUInt16LittleEndian(record[tail..]);
            if (found != sequence)
            {
                throw NtfsError.At(structure, deviceOffset + tail,
                    $"stride {i} ends with update sequence number 0x{found:X4}, not 0x{sequence:X4}: the record is torn or corrupt");
            }

            record.Slice(usaOffset + 2 + (2 * i), 2).CopyTo(record[tail..]);
        }
    }

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        Span<char> chars = stackalloc char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = bytes[i] is >= 0x20 and < 0x7F ? (char)bytes[i] : '?';
        }

        return new string(chars);
    }
}

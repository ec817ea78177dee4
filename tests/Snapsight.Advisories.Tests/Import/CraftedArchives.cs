using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Snapsight.Advisories.Tests.Import;

/// <summary>Hand-made archive pieces that no archiver would write: tar headers with lying pax sizes, zip entries with lying sizes.</summary>
internal static class CraftedArchives
{
    /// <summary>A bomb that lies: the first entry's uncompressed size, in its local header and its central directory record, says little.</summary>
    public static void DeclareFirstZipEntrySize(string path, uint size) =>
        PatchFirstZipEntry(path, (header, localOffset) => BinaryPrimitives.WriteUInt32LittleEndian(header[(localOffset ? 22 : 24)..], size));

    /// <summary>The first entry's compression method, in both headers (APPNOTE 4.4.5: 8 is deflate; most other numbers are not read by .NET).</summary>
    public static void SetFirstZipEntryMethod(string path, ushort method) =>
        PatchFirstZipEntry(path, (header, localOffset) => BinaryPrimitives.WriteUInt16LittleEndian(header[(localOffset ? 8 : 10)..], method));

    /// <summary>Rewrites a field of the first local header and of the first central directory record (whose offsets differ).</summary>
    private static void PatchFirstZipEntry(string path, SpanPatch patch)
    {
        var zip = File.ReadAllBytes(path);
        var central = zip.AsSpan().IndexOf("PK\u0001\u0002"u8);
        patch(zip.AsSpan(), true);
        patch(zip.AsSpan(central), false);
        File.WriteAllBytes(path, zip);
    }

    private delegate void SpanPatch(Span<byte> header, bool localOffset);

    /// <summary>A pax record: its own length in decimal counts itself.</summary>
    public static string PaxRecord(string key, string value)
    {
        var body = $" {key}={value}\n";
        var length = body.Length + 1;
        while ((length.ToString(CultureInfo.InvariantCulture) + body).Length != length)
        {
            length++;
        }

        return length.ToString(CultureInfo.InvariantCulture) + body;
    }

    /// <summary>A ustar header block (POSIX 1003.1 layout) with its checksum.</summary>
    public static byte[] TarHeader(string name, long size, byte type)
    {
        var header = new byte[512];
        void Put(int offset, string text) => Encoding.ASCII.GetBytes(text).CopyTo(header, offset);
        Put(0, name);
        Put(100, "0000644\0");
        Put(108, "0000000\0");
        Put(116, "0000000\0");
        Put(124, Convert.ToString(size, 8).PadLeft(11, '0') + "\0");
        Put(136, "00000000000\0");
        header[156] = type;
        Put(257, "ustar\0");
        Put(263, "00");
        Put(148, "        ");
        var sum = header.Sum(b => b);
        Put(148, Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ");
        return header;
    }

    /// <summary>Data padded to whole 512-byte tar blocks.</summary>
    public static byte[] Padded(byte[] data)
    {
        var padded = new byte[(data.Length + 511) / 512 * 512];
        data.CopyTo(padded, 0);
        return padded;
    }
}

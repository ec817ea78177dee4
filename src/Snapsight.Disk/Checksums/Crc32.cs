namespace Snapsight.Disk.Checksums;

/// <summary>
/// The reflected CRC-32 with polynomial 0xEDB88320 (ISO-HDLC / IEEE 802.3), table driven.
/// GPT uses it with the usual pre- and post-inversion (UEFI 2.10 §5.3.2); LVM2 uses the same
/// polynomial seeded with 0xF597A6CF and without inversion, so the raw update step is exposed.
/// </summary>
internal static class Crc32
{
    private const uint ReflectedPolynomial = 0xEDB88320;

    private static readonly uint[] Table = BuildTable();

    /// <summary>The IEEE CRC-32 of <paramref name="data"/> as GPT and zlib compute it.</summary>
    public static uint Ieee(ReadOnlySpan<byte> data) => ~Update(uint.MaxValue, data);

    /// <summary>Feeds <paramref name="data"/> into a running register, with no inversion.</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = (crc >> 8) ^ Table[(byte)(crc ^ b)];
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var bit = 0; bit < 8; bit++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ ReflectedPolynomial : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}

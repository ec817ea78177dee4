namespace Snapsight.Disk.Images.Vhdx;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, initial value and final XOR all ones),
/// the checksum of VHDX headers, region tables and log entries (VHDX spec 1.0, section 2.2.2).
/// Table-driven, one byte at a time: these structures are small.
/// </summary>
internal static class Crc32C
{
    private const uint ReflectedPolynomial = 0x82F6_3B78;

    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFF_FFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    /// <summary>The checksum of a structure whose own 4-byte checksum field is taken as zero.</summary>
    public static uint ComputeWithZeroedField(ReadOnlySpan<byte> structure, int checksumOffset)
    {
        var crc = 0xFFFF_FFFFu;
        for (var i = 0; i < structure.Length; i++)
        {
            var b = i >= checksumOffset && i < checksumOffset + 4 ? (byte)0 : structure[i];
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? ReflectedPolynomial ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}

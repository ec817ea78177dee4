namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), table driven. ext4 stores the raw
/// register value: the kernel's ext4_chksum() is crc32c_le(seed, data) with no final inversion,
/// so a checksum seeded with ~0 equals the bitwise NOT of the standard CRC-32C.
/// </summary>
internal static class Crc32C
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>Continues a raw CRC-32C register over <paramref name="data"/> (no inversion in or out).</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    /// <summary>The standard CRC-32C of <paramref name="data"/> (0xE3069283 for "123456789").</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(uint.MaxValue, data);

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0x82F63B78u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}

using System.Buffers.Binary;

namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>
/// CRC32C (Castagnoli, reflected polynomial 0x82F63B78) as XFS v5 metadata uses it: computed
/// over the whole structure with its own 4-byte CRC field treated as zero, stored little-endian
/// (xfs_cksum.h: xfs_start_cksum_safe / xfs_end_cksum).
/// </summary>
internal static class XfsChecksum
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data, int crcOffset)
    {
        var crc = 0xFFFFFFFFu;
        crc = Update(crc, data[..crcOffset]);
        crc = Update(crc, [0, 0, 0, 0]);
        crc = Update(crc, data[(crcOffset + 4)..]);
        return ~crc;
    }

    /// <summary>True when the little-endian CRC at <paramref name="crcOffset"/> matches.</summary>
    public static bool Verify(ReadOnlySpan<byte> data, int crcOffset) =>
        BinaryPrimitives.ReadUInt32LittleEndian(data[crcOffset..]) == Compute(data, crcOffset);

    private static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var i = 0u; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0x82F63B78 ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}

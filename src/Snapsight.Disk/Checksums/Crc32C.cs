using System.Buffers.Binary;
using System.Runtime.Intrinsics.X86;
using ArmCrc32 = System.Runtime.Intrinsics.Arm.Crc32;

namespace Snapsight.Disk.Checksums;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78): the checksum of VHDX headers and
/// region tables (VHDX 1.0 §2.2.2), XFS v5 metadata (xfs_cksum.h) and ext4 metadata_csum (which
/// keeps the raw register: no final inversion). ext4 and XFS check every metadata block they
/// read, so the processor's CRC-32C instruction is used where there is one (SSE 4.2, ARMv8
/// CRC), eight bytes at a time; the table is the portable fallback.
/// </summary>
internal static class Crc32C
{
    private const uint ReflectedPolynomial = 0x82F6_3B78;

    private static readonly uint[] Table = BuildTable();

    /// <summary>Continues a raw CRC-32C register over <paramref name="data"/>, with no inversion in or out (ext4's crc32c_le).</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported)
        {
            ulong wide = crc;
            for (; data.Length >= 8; data = data[8..])
            {
                wide = Sse42.X64.Crc32(wide, BinaryPrimitives.ReadUInt64LittleEndian(data));
            }

            crc = (uint)wide;
            foreach (var b in data)
            {
                crc = Sse42.Crc32(crc, b);
            }

            return crc;
        }

        if (ArmCrc32.Arm64.IsSupported)
        {
            for (; data.Length >= 8; data = data[8..])
            {
                crc = ArmCrc32.Arm64.ComputeCrc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            }

            foreach (var b in data)
            {
                crc = ArmCrc32.ComputeCrc32C(crc, b);
            }

            return crc;
        }

        return UpdateWithTable(crc, data);
    }

    /// <summary>The portable form of <see cref="Update"/>, one byte at a time through a table.</summary>
    internal static uint UpdateWithTable(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    /// <summary>The standard CRC-32C of <paramref name="data"/> (0xE3069283 for "123456789").</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(uint.MaxValue, data);

    /// <summary>The standard CRC-32C of a structure whose own 4-byte checksum field is taken as zero.</summary>
    public static uint ComputeWithZeroedField(ReadOnlySpan<byte> structure, int checksumOffset)
    {
        var crc = Update(uint.MaxValue, structure[..checksumOffset]);
        crc = Update(crc, [0, 0, 0, 0]);
        return ~Update(crc, structure[(checksumOffset + 4)..]);
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

using System.Buffers.Binary;
using Snapsight.Disk.Checksums;

namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>
/// CRC32C (Castagnoli, reflected polynomial 0x82F63B78) as XFS v5 metadata uses it: computed
/// over the whole structure with its own 4-byte CRC field treated as zero, stored little-endian
/// (xfs_cksum.h: xfs_start_cksum_safe / xfs_end_cksum).
/// </summary>
internal static class XfsChecksum
{
    public static uint Compute(ReadOnlySpan<byte> data, int crcOffset) => Crc32C.ComputeWithZeroedField(data, crcOffset);

    /// <summary>True when the little-endian CRC at <paramref name="crcOffset"/> matches.</summary>
    public static bool Verify(ReadOnlySpan<byte> data, int crcOffset) =>
        BinaryPrimitives.ReadUInt32LittleEndian(data[crcOffset..]) == Compute(data, crcOffset);
}

using Snapsight.Disk.Checksums;

namespace Snapsight.Disk.Lvm;

/// <summary>
/// LVM2's checksum (lvm2 lib/misc/crc.c <c>calc_crc</c>): the reflected CRC-32 polynomial,
/// seeded with 0xF597A6CF, with no final inversion. It covers the label, the metadata area
/// header and the metadata text.
/// </summary>
internal static class LvmChecksum
{
    public const uint InitialValue = 0xF597A6CF;

    public static uint Compute(ReadOnlySpan<byte> data) => Crc32.Update(InitialValue, data);
}

namespace Snapsight.Disk.Tests.Support;

/// <summary>
/// A deliberately naive bit-at-a-time CRC-32 (reflected polynomial 0xEDB88320), written
/// straight from the definition so that test fixtures do not depend on the table-driven code
/// under test. <see cref="Register"/> is the raw register (LVM2 style); <see cref="Ieee"/> adds
/// the inversions GPT and zlib use.
/// </summary>
public static class BitwiseCrc32
{
    public static uint Register(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) == 1 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return crc;
    }

    public static uint Ieee(ReadOnlySpan<byte> data) => ~Register(0xFFFFFFFFu, data);

    /// <summary>LVM2's checksum: seeded with 0xF597A6CF (lvm2 lib/misc/crc.h INITIAL_CRC), not inverted.</summary>
    public static uint Lvm(ReadOnlySpan<byte> data) => Register(0xF597A6CFu, data);
}

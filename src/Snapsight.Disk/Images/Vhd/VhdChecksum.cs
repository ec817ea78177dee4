using System.Buffers.Binary;

namespace Snapsight.Disk.Images.Vhd;

/// <summary>The VHD checksum: the one's complement of the byte sum with the checksum field taken as zero (spec, "Checksum").</summary>
internal static class VhdChecksum
{
    public static bool IsValid(ReadOnlySpan<byte> structure, int checksumOffset)
    {
        uint sum = 0;
        for (var i = 0; i < structure.Length; i++)
        {
            if (i < checksumOffset || i >= checksumOffset + 4)
            {
                sum += structure[i];
            }
        }

        return ~sum == BinaryPrimitives.ReadUInt32BigEndian(structure[checksumOffset..]);
    }
}

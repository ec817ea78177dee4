using System.Numerics;

namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>
/// The directory name hash (xfs_da_hashname in the kernel's xfs_da_btree.c): each 4-byte
/// group is folded in at 7-bit steps while the running hash rotates by 28 bits; a 1–3 byte
/// remainder rotates it by 7 bits per byte. Leaf blocks are sorted by this hash.
/// </summary>
internal static class XfsNameHash
{
    public static uint Compute(ReadOnlySpan<byte> name)
    {
        var hash = 0u;
        while (name.Length >= 4)
        {
            hash = ((uint)name[0] << 21) ^ ((uint)name[1] << 14) ^ ((uint)name[2] << 7) ^ name[3] ^ BitOperations.RotateLeft(hash, 7 * 4);
            name = name[4..];
        }

        return name.Length switch
        {
            3 => ((uint)name[0] << 14) ^ ((uint)name[1] << 7) ^ name[2] ^ BitOperations.RotateLeft(hash, 7 * 3),
            2 => ((uint)name[0] << 7) ^ name[1] ^ BitOperations.RotateLeft(hash, 7 * 2),
            1 => name[0] ^ BitOperations.RotateLeft(hash, 7),
            _ => hash,
        };
    }
}

using System.Buffers.Binary;
using Snapsight.Disk.FileSystems.Xfs;

namespace Snapsight.Disk.Tests.FileSystems.Xfs;

/// <summary>
/// Byte patches on a real v5 image: rewrite an inode's data fork as a bmbt root, write bmbt
/// blocks, and restore CRCs so a patched structure is bad only in the way a test intends.
/// Offsets follow the XFS on-disk format document (inode core v3: 176 bytes; long-format
/// bmbt header v5: 72 bytes).
/// </summary>
public static class XfsCraft
{
    public const int InodeSize = 512;
    public const int CoreSize = 176;
    public const int ForkSize = InodeSize - CoreSize;

    public static void U16(byte[] image, long offset, int value) => BinaryPrimitives.WriteUInt16BigEndian(image.AsSpan((int)offset), (ushort)value);

    public static void U32(byte[] image, long offset, uint value) => BinaryPrimitives.WriteUInt32BigEndian(image.AsSpan((int)offset), value);

    public static void U64(byte[] image, long offset, ulong value) => BinaryPrimitives.WriteUInt64BigEndian(image.AsSpan((int)offset), value);

    /// <summary>Turns an inode's data fork into a bmbt root of <paramref name="level"/> with these (key, pointer) pairs.</summary>
    public static void WriteBtreeRoot(byte[] image, long inode, int level, int recordCount, IReadOnlyList<(ulong Key, ulong Pointer)> pairs, long extentCount)
    {
        var fork = inode + CoreSize;
        image.AsSpan((int)fork, ForkSize).Clear();
        image[inode + 0x05] = 3; // di_format = btree
        U32(image, inode + 0x4C, (uint)extentCount); // di_nextents
        U16(image, fork, level);
        U16(image, fork + 2, recordCount);
        var maxRecords = (ForkSize - 4) / 16;
        for (var i = 0; i < pairs.Count; i++)
        {
            U64(image, fork + 4 + (i * 8), pairs[i].Key);
            U64(image, fork + 4 + (maxRecords * 8) + (i * 8), pairs[i].Pointer);
        }

        FixInodeCrc(image, inode);
    }

    /// <summary>Writes a v5 bmbt block ("BMA3") at <paramref name="offset"/>: a leaf of records or a node of (key, pointer) pairs.</summary>
    public static void WriteBmbtBlock(byte[] image, long offset, int blockSize, int level, ulong owner,
        IReadOnlyList<(ulong Key, ulong Pointer)>? pairs, IReadOnlyList<(long FileBlock, ulong StartBlock, long Count, bool Unwritten)>? records)
    {
        image.AsSpan((int)offset, blockSize).Clear();
        U32(image, offset, 0x424D4133);
        U16(image, offset + 4, level);
        U16(image, offset + 6, pairs?.Count ?? records!.Count);
        U64(image, offset + 8, ulong.MaxValue); // no left sibling
        U64(image, offset + 16, ulong.MaxValue); // no right sibling
        U64(image, offset + 24, (ulong)(offset / 512)); // bb_blkno in 512-byte units
        image.AsSpan(0x20, 16).CopyTo(image.AsSpan((int)offset + 40)); // bb_uuid = sb_uuid
        U64(image, offset + 56, owner);
        const int header = 72;
        if (pairs is not null)
        {
            var maxRecords = (blockSize - header) / 16;
            for (var i = 0; i < pairs.Count; i++)
            {
                U64(image, offset + header + (i * 8), pairs[i].Key);
                U64(image, offset + header + (maxRecords * 8) + (i * 8), pairs[i].Pointer);
            }
        }
        else
        {
            for (var i = 0; i < records!.Count; i++)
            {
                var (fileBlock, start, count, unwritten) = records[i];
                var high = (unwritten ? 1UL << 63 : 0) | ((ulong)fileBlock << 9) | (start >> 43);
                var low = (start << 21) | (ulong)count;
                U64(image, offset + header + (i * 16), high);
                U64(image, offset + header + (i * 16) + 8, low);
            }
        }

        var crc = XfsChecksum.Compute(image.AsSpan((int)offset, blockSize), 0x40);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan((int)offset + 0x40), crc);
    }

    public static void FixInodeCrc(byte[] image, long inode)
    {
        var crc = XfsChecksum.Compute(image.AsSpan((int)inode, InodeSize), 0x64);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan((int)inode + 0x64), crc);
    }
}

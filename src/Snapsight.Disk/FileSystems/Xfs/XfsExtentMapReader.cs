using System.Buffers.Binary;
using Snapsight.Disk.BlockDevices;
using B = Snapsight.Disk.FileSystems.Xfs.XfsBmbtLayout;

namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>
/// Reads a data fork in extents or btree format into an <see cref="XfsExtentMap"/>. The tree
/// walk is depth-first with a level bound, demands that each child sits exactly one level below
/// its parent, and refuses to visit any block twice, so self-pointing or shared nodes cannot
/// multiply work; the total record count is capped and must match di_nextents.
/// </summary>
internal sealed class XfsExtentMapReader(IBlockDevice device, XfsSuperblock sb, XfsAddressing addressing, FileSystemWarnings warnings)
{
    private const string Structure = "xfs.bmbt";

    public async ValueTask<XfsExtentMap> ReadAsync(XfsInode inode, CancellationToken ct)
    {
        var extents = new List<XfsExtent>();
        switch (inode.Format)
        {
            case XfsInodeCoreLayout.FormatExtents:
                ReadInlineExtents(inode, extents);
                break;
            case XfsInodeCoreLayout.FormatBtree:
                await ReadTreeAsync(inode, extents, ct).ConfigureAwait(false);
                break;
            default:
                throw new DiskFormatException("xfs", "xfs.inode", inode.Offset,
                    $"inode {inode.Number}: di_format {inode.Format} has no extent map");
        }

        return new XfsExtentMap(extents, Structure, inode.DataForkOffset);
    }

    private void ReadInlineExtents(XfsInode inode, List<XfsExtent> extents)
    {
        var fork = inode.DataFork.Span;
        if (inode.ExtentCount > fork.Length / B.RecordSize)
        {
            throw new DiskFormatException("xfs", "xfs.inode", inode.Offset,
                $"inode {inode.Number}: di_nextents {inode.ExtentCount} does not fit the {fork.Length}-byte data fork");
        }

        for (var i = 0; i < (int)inode.ExtentCount; i++)
        {
            var at = i * B.RecordSize;
            extents.Add(XfsExtent.Decode(fork.Slice(at, B.RecordSize), addressing, Structure, inode.DataForkOffset + at));
        }
    }

    private async ValueTask ReadTreeAsync(XfsInode inode, List<XfsExtent> extents, CancellationToken ct)
    {
        var fork = inode.DataFork;
        if (fork.Length < B.RootHeaderSize + B.KeySize + B.PointerSize)
        {
            throw BadRoot(inode, $"the {fork.Length}-byte data fork cannot hold a bmbt root");
        }

        var level = BinaryPrimitives.ReadUInt16BigEndian(fork.Span);
        var count = BinaryPrimitives.ReadUInt16BigEndian(fork.Span[2..]);
        var maxRecords = (fork.Length - B.RootHeaderSize) / (B.KeySize + B.PointerSize);
        if (level == 0 || level >= B.MaxLevels)
        {
            throw BadRoot(inode, $"bb_level {level} is outside 1..{B.MaxLevels - 1}");
        }

        if (count == 0 || count > maxRecords)
        {
            throw BadRoot(inode, $"bb_numrecs {count} is outside 1..{maxRecords}");
        }

        if (inode.ExtentCount > XfsExtentMap.MaxExtents)
        {
            throw new UnsupportedFeatureException("xfs", "xfs.inode", inode.Offset, ["extent counts over " + XfsExtentMap.MaxExtents],
                $"inode {inode.Number} has {inode.ExtentCount}");
        }

        var pointers = fork[(B.RootHeaderSize + (maxRecords * B.KeySize))..];
        var visited = new HashSet<long>();
        for (var i = 0; i < count; i++)
        {
            var pointer = BinaryPrimitives.ReadUInt64BigEndian(pointers.Span[(i * B.PointerSize)..]);
            await ReadNodeAsync(inode, pointer, level - 1, inode.DataForkOffset, visited, extents, ct).ConfigureAwait(false);
        }

        if (extents.Count != inode.ExtentCount)
        {
            throw BadRoot(inode, $"the tree holds {extents.Count} extents but di_nextents says {inode.ExtentCount}");
        }
    }

    /// <summary>Recursion depth is bounded by the root level (checked &lt; <see cref="B.MaxLevels"/>), falling by one per call.</summary>
    private async ValueTask ReadNodeAsync(
        XfsInode inode, ulong pointer, int expectedLevel, long referencedFrom, HashSet<long> visited, List<XfsExtent> extents, CancellationToken ct)
    {
        var block = addressing.LinearBlock(pointer, 1, Structure, referencedFrom);
        if (!visited.Add(block))
        {
            throw new DiskFormatException("xfs", Structure, referencedFrom,
                $"inode {inode.Number}: bmbt block {pointer} is referenced twice (a cycle or shared node)");
        }

        var offset = addressing.BlockOffset(block);
        var bytes = await device.ReadBytesAsync(offset, sb.BlockSize, "xfs", Structure, ct).ConfigureAwait(false);
        var headerSize = CheckHeader(inode, bytes, offset, expectedLevel, out var count);
        if (expectedLevel == 0)
        {
            if (extents.Count + count > XfsExtentMap.MaxExtents || extents.Count + count > inode.ExtentCount)
            {
                throw new DiskFormatException("xfs", Structure, offset,
                    $"inode {inode.Number}: the tree holds more extents than di_nextents {inode.ExtentCount}");
            }

            for (var i = 0; i < count; i++)
            {
                var at = headerSize + (i * B.RecordSize);
                extents.Add(XfsExtent.Decode(bytes.AsSpan(at, B.RecordSize), addressing, Structure, offset + at));
            }

            return;
        }

        var maxRecords = (sb.BlockSize - headerSize) / (B.KeySize + B.PointerSize);
        var pointersAt = headerSize + (maxRecords * B.KeySize);
        for (var i = 0; i < count; i++)
        {
            var child = BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(pointersAt + (i * B.PointerSize)));
            await ReadNodeAsync(inode, child, expectedLevel - 1, offset, visited, extents, ct).ConfigureAwait(false);
        }
    }

    private int CheckHeader(XfsInode inode, byte[] bytes, long offset, int expectedLevel, out int count)
    {
        var magic = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        var expectedMagic = sb.HasCrc ? B.MagicV5 : B.MagicV4;
        var headerSize = sb.HasCrc ? B.V5HeaderSize : B.V4HeaderSize;
        if (magic != expectedMagic)
        {
            throw new DiskFormatException("xfs", Structure, offset, $"inode {inode.Number}: magic 0x{magic:x8} is not 0x{expectedMagic:x8}");
        }

        var level = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(B.Level));
        if (level != expectedLevel)
        {
            throw new DiskFormatException("xfs", Structure, offset,
                $"inode {inode.Number}: bb_level {level} where the parent implies {expectedLevel}");
        }

        count = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(B.RecordCount));
        var maxRecords = (sb.BlockSize - headerSize) / (level == 0 ? B.RecordSize : B.KeySize + B.PointerSize);
        if (count == 0 || count > maxRecords)
        {
            throw new DiskFormatException("xfs", Structure, offset, $"inode {inode.Number}: bb_numrecs {count} is outside 1..{maxRecords}");
        }

        if (sb.HasCrc)
        {
            var owner = BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(B.V5Owner));
            if (owner != inode.Number)
            {
                throw new DiskFormatException("xfs", Structure, offset, $"bb_owner {owner} is not inode {inode.Number}");
            }

            if (!XfsChecksum.Verify(bytes, B.V5Crc))
            {
                warnings.Add($"inode {inode.Number}: bmbt block at offset {offset}: CRC32C mismatch");
            }
        }

        return headerSize;
    }

    private static DiskFormatException BadRoot(XfsInode inode, string problem) =>
        new("xfs", "xfs.bmbt-root", inode.DataForkOffset, $"inode {inode.Number}: {problem}");
}

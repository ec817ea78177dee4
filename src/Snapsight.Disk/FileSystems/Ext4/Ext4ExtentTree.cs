using System.Buffers.Binary;
using L = Snapsight.Disk.FileSystems.Ext4.Ext4ExtentLayout;

namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>
/// Looks logical blocks up in an inode's extent tree (root in i_block). Each lookup descends
/// from the root, at most <see cref="L.MaxDepth"/> levels, checking every node header (magic,
/// eh_entries ≤ eh_max, eh_max fits the node, child depth = parent − 1) and every entry
/// (ascending, inside the file system) before use. Uninitialised extents read as holes.
/// </summary>
internal sealed class Ext4ExtentTree(Ext4Inode inode, Ext4Superblock superblock, Ext4BlockCache cache, Ext4Checksums checksums, FileSystemWarnings warnings)
    : IExt4BlockMap
{
    private const string Structure = "ext4.extent tree";

    /// <summary>Logical block numbers are 32-bit, so nothing lies at or beyond 2^32.</summary>
    private const long LogicalLimit = 1L << 32;

    public async ValueTask<Ext4BlockRun> MapAsync(long logicalBlock, CancellationToken cancellationToken)
    {
        if (logicalBlock >= LogicalLimit)
        {
            return Ext4BlockRun.Hole(1);
        }

        ReadOnlyMemory<byte> node = inode.Raw.AsMemory(Ext4InodeLayout.Block, Ext4InodeLayout.BlockSize);
        var nodeOffset = inode.DeviceOffset + Ext4InodeLayout.Block;
        var upperBound = LogicalLimit;
        var expectedDepth = -1;
        for (var level = 0; level <= L.MaxDepth; level++)
        {
            var (entries, max, depth) = ReadHeader(node.Span, nodeOffset, expectedDepth);
            if (level > 0 && !checksums.ExtentBlockMatches(checksums.InodeSeed(inode.Number, inode.Raw), node.Span, max))
            {
                warnings.Add($"extent block {nodeOffset / superblock.BlockSize} of inode {inode.Number}: checksum does not match");
            }

            if (depth == 0)
            {
                return FindInLeaf(node.Span, nodeOffset, entries, logicalBlock, upperBound);
            }

            var chosen = -1;
            var previousStart = -1L;
            for (var i = 0; i < entries; i++)
            {
                var start = (long)BinaryPrimitives.ReadUInt32LittleEndian(node.Span[(L.RecordSize * (i + 1) + L.IndexBlock)..]);
                if (start <= previousStart)
                {
                    throw Ext4Error.At(Structure, nodeOffset + (L.RecordSize * (i + 1)), $"inode {inode.Number}: index entries out of order ({start} after {previousStart})");
                }

                previousStart = start;
                if (start <= logicalBlock)
                {
                    chosen = i;
                }
                else
                {
                    upperBound = Math.Min(upperBound, start);
                    break;
                }
            }

            if (chosen < 0)
            {
                return Ext4BlockRun.Hole(upperBound - logicalBlock);
            }

            var entry = node.Span[(L.RecordSize * (chosen + 1))..];
            var child = BinaryPrimitives.ReadUInt32LittleEndian(entry[L.IndexLeafLo..])
                | ((long)BinaryPrimitives.ReadUInt16LittleEndian(entry[L.IndexLeafHi..]) << 32);
            if (child <= superblock.FirstDataBlock || child >= superblock.BlocksCount)
            {
                throw Ext4Error.At(Structure, nodeOffset + (L.RecordSize * (chosen + 1)), $"inode {inode.Number}: ei_leaf {child} lies outside the file system's {superblock.BlocksCount} blocks");
            }

            node = await cache.ReadBlockAsync(child, Structure, cancellationToken).ConfigureAwait(false);
            nodeOffset = child * superblock.BlockSize;
            expectedDepth = depth - 1;
        }

        // ReadHeader refuses depths above the maximum, so the loop always ends at a leaf first.
        throw Ext4Error.At(Structure, nodeOffset, $"inode {inode.Number}: extent tree deeper than {L.MaxDepth}");
    }

    private (int Entries, int Max, int Depth) ReadHeader(ReadOnlySpan<byte> node, long offset, int expectedDepth)
    {
        var magic = BinaryPrimitives.ReadUInt16LittleEndian(node[L.Magic..]);
        var entries = BinaryPrimitives.ReadUInt16LittleEndian(node[L.Entries..]);
        var max = BinaryPrimitives.ReadUInt16LittleEndian(node[L.Max..]);
        var depth = BinaryPrimitives.ReadUInt16LittleEndian(node[L.Depth..]);
        var capacity = node.Length / L.RecordSize - 1;
        if (magic != L.MagicValue)
        {
            throw Ext4Error.At(Structure, offset, $"inode {inode.Number}: eh_magic 0x{magic:X4}, not 0xF30A");
        }

        if (max > capacity || entries > max)
        {
            throw Ext4Error.At(Structure, offset, $"inode {inode.Number}: eh_entries {entries}, eh_max {max}, room for {capacity}");
        }

        if (depth > L.MaxDepth || (expectedDepth >= 0 && depth != expectedDepth))
        {
            throw Ext4Error.At(Structure, offset, $"inode {inode.Number}: eh_depth {depth} (expected {(expectedDepth >= 0 ? expectedDepth.ToString() : $"at most {L.MaxDepth}")})");
        }

        return (entries, max, depth);
    }

    private Ext4BlockRun FindInLeaf(ReadOnlySpan<byte> node, long offset, int entries, long logicalBlock, long upperBound)
    {
        var previousEnd = 0L;
        for (var i = 0; i < entries; i++)
        {
            var entry = node[(L.RecordSize * (i + 1))..];
            var start = (long)BinaryPrimitives.ReadUInt32LittleEndian(entry[L.ExtentBlock..]);
            var rawLength = (int)BinaryPrimitives.ReadUInt16LittleEndian(entry[L.ExtentLen..]);
            var uninitialised = rawLength > L.InitMaxLength;
            long length = uninitialised ? rawLength - L.InitMaxLength : rawLength;
            var physical = BinaryPrimitives.ReadUInt32LittleEndian(entry[L.ExtentStartLo..])
                | ((long)BinaryPrimitives.ReadUInt16LittleEndian(entry[L.ExtentStartHi..]) << 32);
            var at = offset + (L.RecordSize * (i + 1));
            if (length == 0 || start < previousEnd || start + length > LogicalLimit)
            {
                throw Ext4Error.At(Structure, at, $"inode {inode.Number}: extent of {length} blocks at logical {start} is empty, overlaps or is out of order (previous end {previousEnd})");
            }

            if (physical <= superblock.FirstDataBlock || physical > superblock.BlocksCount - length)
            {
                throw Ext4Error.At(Structure, at, $"inode {inode.Number}: extent [{physical}, +{length}) lies outside the file system's {superblock.BlocksCount} blocks");
            }

            previousEnd = start + length;
            if (logicalBlock < start)
            {
                return Ext4BlockRun.Hole(Math.Min(start, upperBound) - logicalBlock);
            }

            if (logicalBlock < previousEnd)
            {
                // Uninitialised (preallocated) extents must read as zeros; they are never read from disk.
                var count = previousEnd - logicalBlock;
                return uninitialised ? Ext4BlockRun.Hole(count) : new Ext4BlockRun(physical + (logicalBlock - start), count);
            }
        }

        return Ext4BlockRun.Hole(Math.Max(1, upperBound - logicalBlock));
    }
}

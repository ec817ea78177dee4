using System.Buffers.Binary;
using System.Text;
using L = Snapsight.Disk.FileSystems.Xfs.XfsDirectoryLayout;

namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>
/// Finds one name through a directory's hash index instead of reading all its data blocks
/// ("Directories" in the XFS on-disk format document). Block directories keep sorted
/// (hash, address) pairs at the end of their single block; leaf directories in one leaf block
/// at XFS_DIR2_LEAF_OFFSET; node and btree directories in leaf blocks under a da B-tree rooted
/// there. Descending the da tree costs one block per level (at most 5, each level exactly one
/// below its parent), then one leaf or a short forward chain of leaves while the hash repeats,
/// then one data block per candidate.
/// </summary>
internal sealed class XfsDirectoryLookup(XfsSuperblock sb, XfsExtentMapReader maps, XfsForkReader forks, FileSystemWarnings warnings)
{
    private const string Structure = "xfs.dir-leaf";

    /// <summary>Names sharing one hash are rare; a chain of more leaves than this is corrupt or hostile.</summary>
    private const int MaxLeafHops = 16;

    /// <summary>Returns the entry, or null when the name is absent. Callers handle short-form and case-insensitive directories.</summary>
    public async ValueTask<DirectoryEntry?> FindAsync(XfsInode inode, string name, CancellationToken ct)
    {
        var wanted = Encoding.UTF8.GetBytes(name);
        var hash = XfsNameHash.Compute(wanted);
        var map = await maps.ReadAsync(inode, ct).ConfigureAwait(false);
        var block = new byte[sb.DirectoryBlockSize];
        var (daHeader, countAt) = sb.HasCrc ? (L.V5DaHeaderSize, L.V5DaCount) : (L.V4DaHeaderSize, L.V4DaCount);
        var candidates = new List<uint>();

        // A one-block directory is usually block form ("XD2B"/"XDB3", hash pairs in its tail); a
        // leaf directory shrunk to one data block is not, so the magic decides.
        var singleBlock = false;
        if (inode.Size == sb.DirectoryBlockSize)
        {
            await ReadBlockAsync(map, 0, block, ct).ConfigureAwait(false);
            singleBlock = BinaryPrimitives.ReadUInt32BigEndian(block) == (sb.HasCrc ? L.BlockMagicV5 : L.BlockMagicV4);
        }

        if (singleBlock)
        {
            var count = BinaryPrimitives.ReadUInt32BigEndian(block.AsSpan(block.Length - L.BlockTailSize));
            var headerSize = sb.HasCrc ? L.V5DataHeaderSize : L.V4DataHeaderSize;
            if (count > (block.Length - headerSize - L.BlockTailSize) / L.LeafEntrySize)
            {
                throw Bad(inode, 0, $"block tail count {count} does not fit the block");
            }

            var start = block.Length - L.BlockTailSize - ((int)count * L.LeafEntrySize);
            Collect(block.AsSpan(start, (int)count * L.LeafEntrySize), hash, candidates);
        }
        else
        {
            var fileBlock = L.LeafOffset >> sb.BlockLog;
            await ReadBlockAsync(map, fileBlock, block, ct).ConfigureAwait(false);
            fileBlock = await DescendAsync(inode, map, block, fileBlock, hash, daHeader, countAt, ct).ConfigureAwait(false);
            var visited = new HashSet<long>();
            for (var hop = 0; fileBlock >= 0; hop++)
            {
                if (hop > MaxLeafHops || !visited.Add(fileBlock))
                {
                    throw Bad(inode, fileBlock, $"the leaf chain for hash 0x{hash:x8} loops or runs past {MaxLeafHops} blocks");
                }

                var count = CheckLeaf(inode, block, fileBlock, daHeader, countAt);
                var reachedEnd = Collect(block.AsSpan(daHeader, count * L.LeafEntrySize), hash, candidates);
                var forward = BinaryPrimitives.ReadUInt32BigEndian(block.AsSpan(L.DaForward));
                if (!reachedEnd || forward == 0)
                {
                    break; // the run of equal hashes ended here, or this is the last leaf
                }

                fileBlock = forward;
                await ReadBlockAsync(map, fileBlock, block, ct).ConfigureAwait(false);
            }
        }

        return await MatchAsync(inode, map, block, candidates, name, singleBlock, ct).ConfigureAwait(false);
    }

    /// <summary>From the root block (already in <paramref name="block"/>) down to the leaf that can hold <paramref name="hash"/>.</summary>
    private async ValueTask<long> DescendAsync(
        XfsInode inode, XfsExtentMap map, byte[] block, long fileBlock, uint hash, int daHeader, int countAt, CancellationToken ct)
    {
        var expectedLevel = -1;
        for (var depth = 0; ; depth++)
        {
            var magic = BinaryPrimitives.ReadUInt16BigEndian(block.AsSpan(L.DaMagic));
            if (magic != (sb.HasCrc ? L.NodeMagicV5 : L.NodeMagicV4))
            {
                return fileBlock; // a leaf (checked by the caller)
            }

            var count = BinaryPrimitives.ReadUInt16BigEndian(block.AsSpan(countAt));
            var level = BinaryPrimitives.ReadUInt16BigEndian(block.AsSpan(countAt + 2));
            if (depth >= L.MaxNodeDepth || level == 0 || level >= L.MaxNodeDepth || (expectedLevel >= 0 && level != expectedLevel)
                || count == 0 || count > (block.Length - daHeader) / 8)
            {
                throw Bad(inode, fileBlock, $"da node level {level} (expected {expectedLevel}) / count {count} is inconsistent at depth {depth}");
            }

            // Each node entry carries the highest hash below it: take the first that is not smaller.
            var child = -1L;
            for (var i = 0; i < count; i++)
            {
                var entry = block.AsSpan(daHeader + (i * 8));
                if (BinaryPrimitives.ReadUInt32BigEndian(entry) >= hash)
                {
                    child = BinaryPrimitives.ReadUInt32BigEndian(entry[4..]);
                    break;
                }
            }

            if (child < 0)
            {
                return -1; // larger than every hash in the directory
            }

            expectedLevel = level - 1;
            fileBlock = child;
            await ReadBlockAsync(map, fileBlock, block, ct).ConfigureAwait(false);
            if (expectedLevel == 0 && BinaryPrimitives.ReadUInt16BigEndian(block.AsSpan(L.DaMagic)) == (sb.HasCrc ? L.NodeMagicV5 : L.NodeMagicV4))
            {
                throw Bad(inode, fileBlock, "a da node sits where level 0 (a leaf) belongs");
            }
        }
    }

    private int CheckLeaf(XfsInode inode, byte[] block, long fileBlock, int daHeader, int countAt)
    {
        var magic = BinaryPrimitives.ReadUInt16BigEndian(block.AsSpan(L.DaMagic));
        var leafMagics = sb.HasCrc ? (L.Leaf1MagicV5, L.LeafNMagicV5) : (L.Leaf1MagicV4, L.LeafNMagicV4);
        if (magic != leafMagics.Item1 && magic != leafMagics.Item2)
        {
            throw Bad(inode, fileBlock, $"magic 0x{magic:x4} is not a directory leaf");
        }

        if (sb.HasCrc && BinaryPrimitives.ReadUInt64BigEndian(block.AsSpan(L.DaV5Owner)) != inode.Number)
        {
            throw Bad(inode, fileBlock, $"owner is not directory inode {inode.Number}");
        }

        var count = BinaryPrimitives.ReadUInt16BigEndian(block.AsSpan(countAt));
        if (count > (block.Length - daHeader) / L.LeafEntrySize)
        {
            throw Bad(inode, fileBlock, $"leaf count {count} does not fit the block");
        }

        return count;
    }

    /// <summary>Adds the addresses whose hash matches (skipping stale ones, address 0); true when the run reached the last entry.</summary>
    private static bool Collect(ReadOnlySpan<byte> entries, uint hash, List<uint> candidates)
    {
        var count = entries.Length / L.LeafEntrySize;
        int lo = 0, hi = count; // first entry with a hash not below the target
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (BinaryPrimitives.ReadUInt32BigEndian(entries[(mid * L.LeafEntrySize)..]) < hash)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (var i = lo; i < count; i++)
        {
            var entry = entries[(i * L.LeafEntrySize)..];
            if (BinaryPrimitives.ReadUInt32BigEndian(entry) != hash)
            {
                return false;
            }

            var address = BinaryPrimitives.ReadUInt32BigEndian(entry[4..]);
            if (address != 0)
            {
                candidates.Add(address);
            }
        }

        return true;
    }

    private async ValueTask<DirectoryEntry?> MatchAsync(
        XfsInode inode, XfsExtentMap map, byte[] block, List<uint> candidates, string name, bool singleBlock, CancellationToken ct)
    {
        foreach (var address in candidates)
        {
            var byteOffset = (long)address << L.AddressShift;
            if (byteOffset >= L.LeafOffset)
            {
                throw Bad(inode, -1, $"leaf address {address} points past the data blocks");
            }

            var position = (int)(byteOffset % sb.DirectoryBlockSize);
            var fileBlock = (byteOffset - position) >> sb.BlockLog;
            await ReadBlockAsync(map, fileBlock, block, ct).ConfigureAwait(false);
            var entry = XfsDataBlockDirectory.EntryAt(block, position, fileBlock << sb.BlockLog, inode, sb, singleBlock, warnings);
            if (entry is { } found && string.Equals(found.Name, name, StringComparison.Ordinal))
            {
                return found;
            }
        }

        return null;
    }

    private ValueTask ReadBlockAsync(XfsExtentMap map, long fileBlock, byte[] block, CancellationToken ct) =>
        forks.ReadExactlyAsync(map, fileBlock << sb.BlockLog, block, Structure, ct);

    private static DiskFormatException Bad(XfsInode inode, long fileBlock, string problem) =>
        new("xfs", Structure, inode.DataForkOffset, $"directory inode {inode.Number}, directory block {fileBlock}: {problem}");
}

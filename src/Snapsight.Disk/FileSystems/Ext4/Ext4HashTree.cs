using System.Buffers.Binary;

namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>
/// Finds the leaf block(s) of a hashed (htree) directory that can hold a name
/// (Documentation/filesystems/ext4/directory.rst, "Hash Tree Directories"). Block 0 holds
/// dx_root: "." and ".." entries, dx_root_info at 0x18, then dx_entry records (hash, block)
/// whose first slot carries limit and count; interior dx_node blocks hold a fake entry and the
/// records at 0x08. Every count, limit, level and block number is checked; a lookup reads at most
/// one block per level plus the leaves.
/// </summary>
internal static class Ext4HashTree
{
    private const string Structure = "ext4.htree";
    private const int RootInfo = 0x18;          // struct dx_root_info, after "." (12 bytes) and ".." (12 bytes)
    private const int InfoHashVersion = 0x04;   // hash_version
    private const int InfoLength = 0x05;        // info_length, always 8
    private const int InfoIndirectLevels = 0x06; // indirect_levels
    private const int NodeEntries = 0x08;       // dx_node entries, after the fake directory entry
    private const int EntrySize = 8;            // struct dx_entry { hash, block }
    private const int TailSize = 8;             // struct dx_tail with metadata_csum
    private const int SipHash = 6;

    /// <summary>
    /// The logical blocks to search, in order; null when the directory has to be scanned instead
    /// (SipHash directories, or a hash collision run that continues into the next index node).
    /// </summary>
    public static async ValueTask<List<long>?> LeavesAsync(
        ReadOnlyMemory<byte> name, long blockCount, long directoryOffset, Ext4Superblock superblock,
        Func<long, ValueTask<byte[]>> readBlock)
    {
        var root = await readBlock(0).ConfigureAwait(false);
        int version = root[RootInfo + InfoHashVersion];
        var infoLength = root[RootInfo + InfoLength];
        var levels = root[RootInfo + InfoIndirectLevels];
        var maxLevels = superblock.HasIncompat(Ext4Features.IncompatLargeDir) ? 3 : 2;
        if (infoLength != 8 || levels >= maxLevels || version > SipHash)
        {
            throw Ext4Error.At(Structure, directoryOffset, $"dx_root_info has info_length {infoLength}, indirect_levels {levels} (limit {maxLevels - 1}), hash_version {version}");
        }

        if (version <= Ext4DirectoryHash.Tea && superblock.UnsignedDirectoryHash)
        {
            version += Ext4DirectoryHash.LegacyUnsigned;
        }

        if (Ext4DirectoryHash.Major(name.Span, version, superblock.HashSeed) is not { } hash)
        {
            return null;
        }

        var tail = superblock.HasRoCompat(Ext4Features.RoCompatMetadataCsum) ? TailSize : 0;
        var node = root;
        var entriesAt = RootInfo + infoLength;
        var limit = (superblock.BlockSize - entriesAt - tail) / EntrySize;
        // The hash where the subtree after the chosen one begins, from the deepest index node that has a next entry.
        uint? nextSubtreeHash = null;
        for (var level = 0; ; level++)
        {
            var (chosen, count) = Choose(node, entriesAt, limit, hash, directoryOffset);
            var block = Block(node, entriesAt, chosen, blockCount, directoryOffset);
            if (level == levels)
            {
                // Names whose hashes collide may spill into following leaves, whose hash is then hash | 1.
                var leaves = new List<long> { block };
                for (var next = chosen + 1; next < count; next++)
                {
                    if (!Continues(HashAt(node, entriesAt, next), hash))
                    {
                        return leaves;
                    }

                    leaves.Add(Block(node, entriesAt, next, blockCount, directoryOffset));
                }

                // The run reached the end of this node; if the next subtree continues it, scan instead.
                return nextSubtreeHash is { } after && Continues(after, hash) ? null : leaves;
            }

            if (chosen + 1 < count)
            {
                nextSubtreeHash = HashAt(node, entriesAt, chosen + 1);
            }

            node = await readBlock(block).ConfigureAwait(false);
            entriesAt = NodeEntries;
            limit = (superblock.BlockSize - NodeEntries - tail) / EntrySize;
        }
    }

    private static bool Continues(uint entryHash, uint hash) => (entryHash & 1) == 1 && (entryHash & ~1u) == hash;

    private static uint HashAt(byte[] node, int entriesAt, int index) =>
        BinaryPrimitives.ReadUInt32LittleEndian(node.AsSpan(entriesAt + (index * EntrySize)));

    /// <summary>Validates count and limit and returns the last entry whose hash is ≤ <paramref name="hash"/> (entry 0 covers from 0).</summary>
    private static (int Chosen, int Count) Choose(byte[] node, int entriesAt, int expectedLimit, uint hash, long offset)
    {
        var limit = BinaryPrimitives.ReadUInt16LittleEndian(node.AsSpan(entriesAt));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(node.AsSpan(entriesAt + 2));
        if (limit != expectedLimit || count == 0 || count > limit)
        {
            throw Ext4Error.At(Structure, offset, $"dx count {count}, limit {limit} (expected limit {expectedLimit})");
        }

        var chosen = 0;
        var previous = 0u;
        for (var i = 1; i < count; i++)
        {
            var entryHash = HashAt(node, entriesAt, i);
            if (entryHash < previous)
            {
                throw Ext4Error.At(Structure, offset, $"dx entry {i} hash 0x{entryHash:X8} is below the previous 0x{previous:X8}");
            }

            previous = entryHash;
            if (entryHash > hash)
            {
                break;
            }

            chosen = i;
        }

        return (chosen, count);
    }

    private static long Block(byte[] node, int entriesAt, int index, long blockCount, long offset)
    {
        // The top four bits of dx_entry.block are reserved; block 0 is the root itself.
        var block = BinaryPrimitives.ReadUInt32LittleEndian(node.AsSpan(entriesAt + (index * EntrySize) + 4)) & 0x0FFFFFFF;
        if (block == 0 || block >= blockCount)
        {
            throw Ext4Error.At(Structure, offset, $"dx entry {index} points at directory block {block} of {blockCount}");
        }

        return block;
    }
}

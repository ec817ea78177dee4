using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>Directories: listing (linear, inline or block based) and name lookup (htree or scan).</summary>
public sealed partial class Ext4FileSystem
{
    public async IAsyncEnumerable<DirectoryEntry> ReadDirectoryAsync(long directoryNode, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var inode = await ReadDirectoryInodeAsync(directoryNode, cancellationToken).ConfigureAwait(false);
        var entries = new List<DirectoryEntry>();
        if (inode.HasFlag(Ext4InodeLayout.InlineDataFlag))
        {
            // Inline directory: i_block starts with the parent's inode number (4 bytes) instead of "." and "..".
            Ext4DirectoryBlock.Parse(inode.Block[4..], inode.DeviceOffset + Ext4InodeLayout.Block + 4, _hasFileType, _superblock.InodesCount, entries);
            Ext4DirectoryBlock.Parse(Ext4InlineData.SystemData(inode).Span, inode.DeviceOffset, _hasFileType, _superblock.InodesCount, entries);
            foreach (var entry in entries)
            {
                yield return await WithTypeAsync(entry, cancellationToken).ConfigureAwait(false);
            }

            yield break;
        }

        var blocks = new Ext4DirectoryBlocks(inode, MapOf(inode), this);
        await foreach (var (logical, physical) in blocks.AllocatedAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Clear();
            await blocks.ParseAsync(logical, physical, entries, cancellationToken).ConfigureAwait(false);
            foreach (var entry in entries)
            {
                yield return await WithTypeAsync(entry, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Names the directory's first run of blocks (at most <see cref="MaxHintedListingBlocks"/>) to the device, when they are
    /// known without a read: the inode cached (a walk has just read it) and the run in i_block (extents of depth 0, or the
    /// first direct block). A hint never adds a read, so reading through a device that ignores hints reads what it did.
    /// </summary>
    public async ValueTask HintListingAsync(long directoryNode, CancellationToken cancellationToken = default)
    {
        var inode = _inodes.TryReadCached(directoryNode);
        if (inode is null || inode.Type != FileType.Directory || inode.HasFlag(Ext4InodeLayout.InlineDataFlag)
            || inode.HasFlag(Ext4InodeLayout.EncryptFlag)
            || (inode.HasFlag(Ext4InodeLayout.ExtentsFlag) && BinaryPrimitives.ReadUInt16LittleEndian(inode.Block[Ext4ExtentLayout.Depth..]) != 0))
        {
            return;
        }

        var blocks = (inode.Size + _superblock.BlockSize - 1) / _superblock.BlockSize;
        if (blocks == 0)
        {
            return;
        }

        var run = await MapOf(inode).MapAsync(0, cancellationToken).ConfigureAwait(false);
        if (!run.IsHole && run.PhysicalStart < _superblock.BlocksCount)
        {
            _cache.Prefetch(run.PhysicalStart, Math.Min(Math.Min(run.Count, blocks), Math.Min(MaxHintedListingBlocks, _superblock.BlocksCount - run.PhysicalStart)));
        }
    }

    /// <summary>
    /// Looks a name up. Hashed (htree) directories read only the index blocks and leaves the name's
    /// hash leads to; other directories, and names the hash cannot serve, are scanned. Entries are
    /// compared by their bytes, so only the match's name is decoded.
    /// </summary>
    public async ValueTask<DirectoryEntry?> FindEntryAsync(long directoryNode, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var inode = await ReadDirectoryInodeAsync(directoryNode, cancellationToken).ConfigureAwait(false);
        var bytes = Encoding.UTF8.GetBytes(name);
        if (bytes.Length is 0 or > Ext4DirectoryEntryLayout.MaxNameLength || name is "." or ".." || name.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        // Names shown with U+FFFD may stand for invalid bytes on disk, which neither a hash of the string nor its bytes
        // can find (nor can a name that is not valid UTF-16): those are matched on the names as listing decodes them,
        // as are the few entries of an inline directory.
        if (!IsExactUtf8(name, bytes) || inode.HasFlag(Ext4InodeLayout.InlineDataFlag))
        {
            return await FindByListingAsync(directoryNode, name, cancellationToken).ConfigureAwait(false);
        }

        var blocks = new Ext4DirectoryBlocks(inode, MapOf(inode), this);
        if (IsHashed(inode))
        {
            var leaves = await Ext4HashTree.LeavesAsync(bytes, blocks.Count, inode.DeviceOffset, _superblock,
                logical => blocks.ReadAsync(logical, cancellationToken)).ConfigureAwait(false);
            if (leaves is not null)
            {
                foreach (var leaf in leaves)
                {
                    var run = await blocks.Map.MapAsync(leaf, cancellationToken).ConfigureAwait(false);
                    if (await blocks.FindAsync(leaf, run.PhysicalStart, bytes, cancellationToken).ConfigureAwait(false) is { } found)
                    {
                        return await WithTypeAsync(found, cancellationToken).ConfigureAwait(false);
                    }
                }

                return null;
            }
        }

        await foreach (var (logical, physical) in blocks.AllocatedAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await blocks.FindAsync(logical, physical, bytes, cancellationToken).ConfigureAwait(false) is { } found)
            {
                return await WithTypeAsync(found, cancellationToken).ConfigureAwait(false);
            }
        }

        return null;
    }

    /// <summary>True when the name's UTF-8 bytes are what a directory entry showing this name holds, and nothing else does.</summary>
    private static bool IsExactUtf8(string name, byte[] bytes)
    {
        Span<byte> strict = stackalloc byte[bytes.Length];
        return !name.Contains('\uFFFD', StringComparison.Ordinal)
            && Utf8.FromUtf16(name, strict, out _, out _, replaceInvalidSequences: false) == OperationStatus.Done;
    }

    private async ValueTask<DirectoryEntry?> FindByListingAsync(long directoryNode, string name, CancellationToken cancellationToken)
    {
        await foreach (var entry in ReadDirectoryAsync(directoryNode, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(entry.Name, name, StringComparison.Ordinal))
            {
                return entry;
            }
        }

        return null;
    }

    private async ValueTask<Ext4Inode> ReadDirectoryInodeAsync(long node, CancellationToken cancellationToken)
    {
        var inode = await _inodes.ReadAsync(node, cancellationToken).ConfigureAwait(false);
        if (inode.Type != FileType.Directory)
        {
            throw Ext4Error.At("ext4.inode", inode.DeviceOffset, $"inode {inode.Number} is not a directory");
        }

        RefuseEncrypted(inode);
        return inode;
    }

    /// <summary>The kernel uses the index only with dir_index on, EXT4_INDEX_FL set, and names hashed as stored (no casefold).</summary>
    private bool IsHashed(Ext4Inode inode) =>
        (_superblock.FeatureCompat & Ext4Features.CompatDirIndex) != 0
        && inode.HasFlag(Ext4InodeLayout.IndexFlag)
        && !inode.HasFlag(Ext4InodeLayout.InlineDataFlag)
        && !inode.HasFlag(Ext4InodeLayout.CasefoldFlag);

    /// <summary>The directory's type hint, or the inode's type when the entry has none (no filetype feature).</summary>
    private async ValueTask<DirectoryEntry> WithTypeAsync(DirectoryEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Type != FileType.Unknown)
        {
            return entry;
        }

        var inode = await _inodes.ReadAsync(entry.Node, cancellationToken).ConfigureAwait(false);
        return entry with { Type = inode.Type };
    }

    /// <summary>One directory's blocks: maps logical blocks, reads them through the cache, checks their checksum, parses them.</summary>
    private sealed class Ext4DirectoryBlocks(Ext4Inode inode, IExt4BlockMap map, Ext4FileSystem fs)
    {
        private readonly uint _seed = fs._checksums.InodeSeed(inode.Number, inode.Raw);

        public IExt4BlockMap Map => map;

        public long Count { get; } = (inode.Size + fs._superblock.BlockSize - 1) / fs._superblock.BlockSize;

        /// <summary>A logical block that must exist (htree nodes point only at allocated blocks).</summary>
        public async ValueTask<byte[]> ReadAsync(long logical, CancellationToken cancellationToken)
        {
            var run = await map.MapAsync(logical, cancellationToken).ConfigureAwait(false);
            return await ReadPhysicalAsync(logical, run.PhysicalStart, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The allocated blocks, in logical order. Each step skips a whole hole run or yields one block, so this is bounded by i_size.</summary>
        public async IAsyncEnumerable<(long Logical, long Physical)> AllocatedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            for (var logical = 0L; logical < Count;)
            {
                var run = await map.MapAsync(logical, cancellationToken).ConfigureAwait(false);
                if (run.IsHole)
                {
                    logical += run.Count;
                    continue;
                }

                yield return (logical, run.PhysicalStart);
                logical++;
            }
        }

        public async ValueTask ParseAsync(long logical, long physical, List<DirectoryEntry> into, CancellationToken cancellationToken)
        {
            var block = await ReadPhysicalAsync(logical, physical, cancellationToken).ConfigureAwait(false);
            Ext4DirectoryBlock.Parse(block, physical * fs._superblock.BlockSize, fs._hasFileType, fs._superblock.InodesCount, into);
        }

        public async ValueTask<DirectoryEntry?> FindAsync(long logical, long physical, byte[] name, CancellationToken cancellationToken)
        {
            var block = await ReadPhysicalAsync(logical, physical, cancellationToken).ConfigureAwait(false);
            return Ext4DirectoryBlock.Find(block, physical * fs._superblock.BlockSize, fs._hasFileType, fs._superblock.InodesCount, name);
        }

        private async ValueTask<byte[]> ReadPhysicalAsync(long logical, long physical, CancellationToken cancellationToken)
        {
            if (physical < 0)
            {
                throw Ext4Error.At("ext4.directory block", inode.DeviceOffset, $"directory inode {inode.Number}: block {logical} is a hole");
            }

            var block = await fs._cache.ReadBlockAsync(physical, "ext4.directory block", cancellationToken).ConfigureAwait(false);
            if (!fs._checksums.DirectoryBlockMatches(_seed, block))
            {
                fs._warnings.Add($"directory block {physical} of inode {inode.Number}: checksum does not match");
            }

            return block;
        }
    }
}

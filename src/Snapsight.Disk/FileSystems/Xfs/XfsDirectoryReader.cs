using System.Runtime.CompilerServices;

namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>
/// Lists a directory of any format. Short-form entries come from the inode; block, leaf, node
/// and btree directories are read as their data blocks only (directory offsets below
/// XFS_DIR2_LEAF_OFFSET), found through the extent map, because the leaf and free-index blocks
/// just index the same names. Entries are yielded block by block, so memory stays at one block.
/// </summary>
internal sealed class XfsDirectoryReader(XfsSuperblock sb, XfsExtentMapReader maps, XfsForkReader forks, FileSystemWarnings warnings)
{
    public async IAsyncEnumerable<DirectoryEntry> ReadAsync(XfsInode inode, [EnumeratorCancellation] CancellationToken ct)
    {
        if (inode.Format == XfsInodeCoreLayout.FormatLocal)
        {
            foreach (var entry in XfsShortformDirectory.Parse(inode, sb.HasFileType))
            {
                yield return entry;
            }

            yield break;
        }

        var map = await maps.ReadAsync(inode, ct).ConfigureAwait(false);
        var blocksPerDirBlock = sb.DirectoryBlockSize >> sb.BlockLog;
        // The extent map, not di_size, says which data blocks exist: a damaged di_size (0, or
        // near 2^63) must not hide a directory's names. Data blocks always lie below the leaf offset.
        var leafBlock = XfsDirectoryLayout.LeafOffset >> sb.BlockLog;
        CheckSize(inode, map, leafBlock, blocksPerDirBlock);
        // Block form keeps its hash index inside its one data block, so nothing is mapped at the leaf offset.
        var singleBlock = map.Extents.Count == 0 || map.Extents[^1].FileBlockEnd <= leafBlock;
        var buffer = new byte[sb.DirectoryBlockSize];
        var next = 0L; // the first file block not yet read: directory blocks are visited once, in order
        foreach (var extent in map.Extents)
        {
            var start = Math.Max(extent.FileBlock - (extent.FileBlock % blocksPerDirBlock), next);
            var end = Math.Min(extent.FileBlockEnd, leafBlock);
            for (var fileBlock = start; fileBlock < end; fileBlock += blocksPerDirBlock)
            {
                ct.ThrowIfCancellationRequested();
                var position = fileBlock << sb.BlockLog;
                await forks.ReadExactlyAsync(map, position, buffer, "xfs.dir-data", ct).ConfigureAwait(false);
                var entries = new List<DirectoryEntry>();
                var deviceOffset = (extent.DeviceBlock + Math.Max(0, fileBlock - extent.FileBlock)) << sb.BlockLog;
                XfsDataBlockDirectory.Parse(buffer, deviceOffset, inode, sb, singleBlock && fileBlock == 0, warnings, entries);
                foreach (var entry in entries)
                {
                    yield return entry;
                }

                next = fileBlock + blocksPerDirBlock;
            }
        }
    }

    /// <summary>
    /// di_size of a block, leaf or node directory is the end of its last data block (the kernel's
    /// xfs_dir2_shrink_inode keeps it so, and xfs_repair checks it). When it disagrees, every
    /// mapped data block is still listed, and the disagreement is recorded.
    /// </summary>
    private void CheckSize(XfsInode inode, XfsExtentMap map, long leafBlock, long blocksPerDirBlock)
    {
        var dataEnd = 0L;
        foreach (var extent in map.Extents)
        {
            if (extent.FileBlock < leafBlock)
            {
                dataEnd = Math.Min(extent.FileBlockEnd, leafBlock);
            }
        }

        // dataEnd is at most the leaf offset in blocks (32 GiB / block size), so this stays near 32 GiB.
        var expected = (dataEnd + blocksPerDirBlock - 1) / blocksPerDirBlock * sb.DirectoryBlockSize;
        if (inode.Size != expected)
        {
            warnings.Add($"directory inode {inode.Number}: di_size {inode.Size} disagrees with its mapped data blocks, which end at byte {expected}; all mapped data blocks were listed");
        }
    }
}

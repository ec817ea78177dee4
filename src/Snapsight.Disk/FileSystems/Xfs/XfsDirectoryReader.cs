using System.Runtime.CompilerServices;

namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>
/// Lists a directory of any format. Short-form entries come from the inode; block, leaf, node
/// and btree directories are read as their data blocks only (directory offsets below
/// XFS_DIR2_LEAF_OFFSET), found through the extent map, because the leaf and free-index blocks
/// just index the same names. Entries are yielded block by block, so memory stays at one block.
/// </summary>
internal sealed class XfsDirectoryReader(XfsSuperblock sb, XfsExtentMapReader maps, XfsForkReader forks, XfsWarnings warnings)
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
        // Data blocks end at di_size (it counts only the data section), and always below the leaf offset.
        var leafBlock = Math.Min(XfsDirectoryLayout.LeafOffset, inode.Size + sb.BlockSize - 1) >> sb.BlockLog;
        var singleBlock = inode.Size == sb.DirectoryBlockSize;
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
}

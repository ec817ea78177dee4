using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>
/// A small LRU of recently read metadata blocks (group descriptors, inode table blocks, extent
/// and indirect blocks, directory blocks). Bounded by a block count so memory stays fixed; a
/// lookup down a path reads each block once. Thread-safe: the lock is never held across I/O,
/// so two readers may fetch the same block concurrently, which is harmless.
/// </summary>
internal sealed class Ext4BlockCache(IBlockDevice device, Ext4Superblock superblock, int capacity)
{
    private readonly Dictionary<long, LinkedListNode<(long Block, byte[] Bytes)>> _index = [];
    private readonly LinkedList<(long Block, byte[] Bytes)> _order = new();
    private readonly Lock _gate = new();

    /// <summary>Returns one whole block; callers must not modify it. The block must lie inside the file system.</summary>
    public async ValueTask<byte[]> ReadBlockAsync(long block, string structure, CancellationToken cancellationToken)
    {
        if (block < 0 || block >= superblock.BlocksCount)
        {
            throw Ext4Error.At(structure, block < 0 ? 0 : Math.Min(block, long.MaxValue / superblock.BlockSize) * superblock.BlockSize,
                $"block {block} lies outside the file system's {superblock.BlocksCount} blocks");
        }

        lock (_gate)
        {
            if (_index.TryGetValue(block, out var hit))
            {
                _order.Remove(hit);
                _order.AddFirst(hit);
                return hit.Value.Bytes;
            }
        }

        var bytes = await device.ReadBytesAsync(block * superblock.BlockSize, superblock.BlockSize, Ext4Error.Layer, structure, cancellationToken)
            .ConfigureAwait(false);
        lock (_gate)
        {
            if (!_index.ContainsKey(block))
            {
                _index[block] = _order.AddFirst((block, bytes));
                if (_order.Count > capacity)
                {
                    var last = _order.Last!;
                    _order.RemoveLast();
                    _index.Remove(last.Value.Block);
                }
            }
        }

        return bytes;
    }

    /// <summary>The block when it is cached; never reads the device.</summary>
    public bool TryGetCached(long block, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? bytes)
    {
        lock (_gate)
        {
            bytes = _index.TryGetValue(block, out var hit) ? hit.Value.Bytes : null;
            return bytes is not null;
        }
    }

    /// <summary>Hints the device that <paramref name="count"/> blocks from <paramref name="block"/> will be read soon (see <see cref="IBlockDevice.Prefetch"/>).</summary>
    public void Prefetch(long block, long count) => device.Prefetch(block * superblock.BlockSize, count * superblock.BlockSize);
}

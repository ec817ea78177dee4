using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>
/// A small LRU of recently read metadata blocks (group descriptors, inode table blocks, extent
/// and indirect blocks, directory blocks). Bounded by a block count so memory stays fixed; a
/// lookup down a path reads each block once. Thread-safe: the lock is never held across I/O, and
/// readers asking for a block already being fetched wait for that fetch, so analyzers running side
/// by side do not both read a block they miss at once (a block evicted and asked for again is read
/// again, which depends on how the analyzers interleave).
/// </summary>
internal sealed class Ext4BlockCache(IBlockDevice device, Ext4Superblock superblock, int capacity)
{
    private readonly Dictionary<long, LinkedListNode<(long Block, Task<byte[]> Bytes)>> _index = [];
    private readonly LinkedList<(long Block, Task<byte[]> Bytes)> _order = new();
    private readonly Lock _gate = new();

    /// <summary>Returns one whole block; callers must not modify it. The block must lie inside the file system.</summary>
    public async ValueTask<byte[]> ReadBlockAsync(long block, string structure, CancellationToken cancellationToken)
    {
        if (block < 0 || block >= superblock.BlocksCount)
        {
            throw Ext4Error.At(structure, block < 0 ? 0 : Math.Min(block, long.MaxValue / superblock.BlockSize) * superblock.BlockSize,
                $"block {block} lies outside the file system's {superblock.BlocksCount} blocks");
        }

        Task<byte[]>? cached = null;
        TaskCompletionSource<byte[]>? fetch = null;
        lock (_gate)
        {
            if (_index.TryGetValue(block, out var hit))
            {
                _order.Remove(hit);
                _order.AddFirst(hit);
                cached = hit.Value.Bytes;
            }
            else
            {
                fetch = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
                _index[block] = _order.AddFirst((block, fetch.Task));
                if (_order.Count > capacity)
                {
                    var last = _order.Last!;
                    _order.RemoveLast();
                    _index.Remove(last.Value.Block);
                }
            }
        }

        if (cached is not null)
        {
            return cached.IsCompletedSuccessfully ? cached.Result : await cached.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        // Started, not awaited: the read is shared, so it is not cancelled with this caller; this caller still stops
        // waiting when cancelled. FetchAsync never throws (a failure goes to the shared task).
        _ = FetchAsync(block, structure, fetch!);
        return await fetch!.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The block when it is cached and read; never reads the device nor waits for a read under way.</summary>
    public bool TryGetCached(long block, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? bytes)
    {
        lock (_gate)
        {
            bytes = _index.TryGetValue(block, out var hit) && hit.Value.Bytes.IsCompletedSuccessfully ? hit.Value.Bytes.Result : null;
            return bytes is not null;
        }
    }

    /// <summary>Hints the device that <paramref name="count"/> blocks from <paramref name="block"/> will be read soon (see <see cref="IBlockDevice.Prefetch"/>).</summary>
    public void Prefetch(long block, long count) => device.Prefetch(block * superblock.BlockSize, count * superblock.BlockSize);

    private async Task FetchAsync(long block, string structure, TaskCompletionSource<byte[]> fetch)
    {
        try
        {
            fetch.SetResult(await device.ReadBytesAsync(block * superblock.BlockSize, superblock.BlockSize, Ext4Error.Layer, structure, CancellationToken.None)
                .ConfigureAwait(false));
        }
        catch (Exception e)
        {
            // A failed read is not kept: the next reader tries again, and those waiting see this failure.
            Forget(block, fetch.Task);
            fetch.SetException(e);
        }
    }

    private void Forget(long block, Task<byte[]> fetch)
    {
        lock (_gate)
        {
            if (_index.TryGetValue(block, out var node) && node.Value.Bytes == fetch)
            {
                _order.Remove(node);
                _index.Remove(block);
            }
        }
    }
}

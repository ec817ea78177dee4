namespace Snapsight.Disk.BlockDevices;

/// <summary>
/// A least-recently-used cache of fixed-size blocks, bounded in bytes and shareable between
/// several <see cref="CachedBlockDevice"/>s (entries are keyed by device and block index), so
/// one memory budget covers every slow source of a scan.
/// </summary>
public sealed class BlockCache
{
    public const int DefaultBlockSize = 64 * 1024;

    private int _nextDeviceId;

    /// <param name="capacityBytes">Most bytes of blocks held at once (at least one block).</param>
    /// <param name="blockSize">Size of a cached block: a power of two from 512 bytes to 16 MiB.</param>
    public BlockCache(long capacityBytes, int blockSize = DefaultBlockSize)
    {
        if (blockSize < 512 || blockSize > 16 * 1024 * 1024 || !int.IsPow2(blockSize))
        {
            throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, "a power of two from 512 bytes to 16 MiB");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(capacityBytes, blockSize);
        BlockSize = blockSize;
        Blocks = new AsyncLruCache<BlockKey>(capacityBytes);
    }

    public int BlockSize { get; }

    public long CapacityBytes => Blocks.CapacityBytes;

    /// <summary>Bytes currently held (including blocks being loaded).</summary>
    public long SizeBytes => Blocks.SizeBytes;

    internal AsyncLruCache<BlockKey> Blocks { get; }

    internal int RegisterDevice() => Interlocked.Increment(ref _nextDeviceId);

    internal readonly record struct BlockKey(int DeviceId, long BlockIndex);
}

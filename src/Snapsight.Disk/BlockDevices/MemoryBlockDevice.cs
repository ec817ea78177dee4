namespace Snapsight.Disk.BlockDevices;

/// <summary>A device over bytes in memory: decompressed structures, and crafted test inputs.</summary>
public sealed class MemoryBlockDevice(ReadOnlyMemory<byte> bytes, int blockSize = 512) : IBlockDevice
{
    public long Length => bytes.Length;

    public int BlockSize => blockSize;

    public ReadStatistics Statistics { get; } = new();

    public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var length = this.ClampToLength(offset, buffer.Length);
        if (length == 0)
        {
            return ValueTask.FromResult(0);
        }

        bytes.Span.Slice((int)offset, length).CopyTo(buffer.Span);
        Statistics.Record(length);
        return ValueTask.FromResult(length);
    }

    public void Dispose()
    {
    }
}

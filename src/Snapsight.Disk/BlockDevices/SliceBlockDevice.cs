namespace Snapsight.Disk.BlockDevices;

/// <summary>A window onto another device: a partition, or the data area of a flat image.</summary>
public sealed class SliceBlockDevice : IBlockDevice
{
    private readonly IBlockDevice _parent;
    private readonly long _start;

    /// <summary>
    /// Creates the window [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>).
    /// A window reaching past the parent's end is cut at that end (a truncated image still yields
    /// what it holds); callers that must reject that compare <see cref="Length"/> with what they asked.
    /// </summary>
    public SliceBlockDevice(IBlockDevice parent, long start, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _parent = parent;
        _start = Math.Min(start, parent.Length);
        Length = Math.Min(length, parent.Length - _start);
    }

    public long Length { get; }

    public int BlockSize => _parent.BlockSize;

    public ReadStatistics Statistics { get; } = new();

    public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var length = this.ClampToLength(offset, buffer.Length);
        if (length == 0)
        {
            return 0;
        }

        var n = await _parent.ReadAsync(_start + offset, buffer[..length], cancellationToken).ConfigureAwait(false);
        Statistics.Record(n);
        return n;
    }

    /// <summary>The parent stays open: it is shared by every slice of it.</summary>
    public void Prefetch(long offset, long length)
    {
        if (offset >= 0 && offset < Length && length > 0)
        {
            _parent.Prefetch(_start + offset, Math.Min(length, Length - offset));
        }
    }

    public void Dispose()
    {
    }
}

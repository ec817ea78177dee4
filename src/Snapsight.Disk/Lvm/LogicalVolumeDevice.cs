using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Collections;

namespace Snapsight.Disk.Lvm;

/// <summary>
/// A logical volume as a block device: each read is split at segment and stripe-chunk
/// boundaries and sent to the PVs. Stateless, so concurrent reads are safe. The segments
/// were checked to lie inside their PVs when the device was built.
/// </summary>
internal sealed class LogicalVolumeDevice : IBlockDevice
{
    private readonly MappedSegment[] _segments;
    private readonly string _layer;

    /// <param name="segments">Contiguous from offset 0, in order.</param>
    public LogicalVolumeDevice(IReadOnlyList<MappedSegment> segments, string layer)
    {
        _segments = [.. segments];
        _layer = layer;
        Length = _segments.Length == 0 ? 0 : _segments[^1].LogicalOffset + _segments[^1].Length;
    }

    public long Length { get; }

    public int BlockSize => _segments.Length == 0 ? 512 : _segments[0].Areas[0].Device.BlockSize;

    public ReadStatistics Statistics { get; } = new();

    public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var length = this.ClampToLength(offset, buffer.Length);
        var done = 0;
        while (done < length)
        {
            var position = offset + done;
            var segment = _segments[FindSegment(position)];
            var (stripe, areaOffset, contiguous) = segment.Locate(position - segment.LogicalOffset);
            var count = (int)Math.Min(contiguous, length - done); // contiguous >= 1: every pass moves forward
            var area = segment.Areas[stripe];
            await area.Device.ReadExactlyAsync(area.Offset + areaOffset, buffer.Slice(done, count), _layer, "lvm.segment", cancellationToken)
                .ConfigureAwait(false);
            done += count;
        }

        if (done > 0)
        {
            Statistics.Record(done);
        }

        return done;
    }

    /// <summary>The last segment starting at or before <paramref name="position"/> (which is below Length).</summary>
    private int FindSegment(long position) =>
        SortedSearch.LastStartingAtOrBefore(_segments, position, segment => segment.LogicalOffset);

    /// <summary>The PVs stay open: they belong to the caller.</summary>
    public void Dispose()
    {
    }
}

using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Collections;

namespace Snapsight.Disk.Lvm;

/// <summary>
/// A logical volume as a block device: each read is split at segment and stripe-chunk
/// boundaries and sent to the PVs (which belong to the caller and stay open). Stateless, so
/// concurrent reads are safe. The segments were checked to lie inside their PVs when the device
/// was built.
/// </summary>
internal sealed class LogicalVolumeDevice : SplitReadDevice
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

    public override long Length { get; }

    public override int BlockSize => _segments.Length == 0 ? 512 : _segments[0].Areas[0].Device.BlockSize;

    protected override async ValueTask<int> ReadRunAsync(long position, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var segment = _segments[FindSegment(position)];
        var (stripe, areaOffset, contiguous) = segment.Locate(position - segment.LogicalOffset);
        var count = (int)Math.Min(contiguous, destination.Length);
        var area = segment.Areas[stripe];
        await area.Device.ReadExactlyAsync(area.Offset + areaOffset, destination[..count], _layer, "lvm.segment", cancellationToken)
            .ConfigureAwait(false);
        return count;
    }

    /// <summary>The last segment starting at or before <paramref name="position"/> (which is below Length).</summary>
    private int FindSegment(long position) =>
        SortedSearch.LastStartingAtOrBefore(_segments, position, segment => segment.LogicalOffset);
}

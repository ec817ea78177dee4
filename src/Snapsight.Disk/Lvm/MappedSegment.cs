using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.Lvm;

/// <summary>Where one stripe of a segment lives: a PV and the byte offset of its first extent there.</summary>
internal readonly record struct StripeArea(IBlockDevice Device, long Offset);

/// <summary>
/// One segment of a logical volume in bytes. The segment's bytes are dealt out to its stripes
/// in chunks of <see cref="StripeBytes"/>, round robin: chunk k goes to stripe k mod N, at
/// row k div N of that stripe's area (the striped target of device-mapper, which LVM's
/// "striped" segments drive). With one stripe the whole segment is one run.
/// </summary>
internal sealed record MappedSegment(long LogicalOffset, long Length, long StripeBytes, IReadOnlyList<StripeArea> Areas)
{
    /// <summary>
    /// Maps an offset inside this segment to a stripe, the offset inside that stripe's area,
    /// and how many bytes from there stay contiguous (at least 1).
    /// </summary>
    public (int Stripe, long AreaOffset, long Contiguous) Locate(long offsetInSegment)
    {
        if (Areas.Count == 1)
        {
            return (0, offsetInSegment, Length - offsetInSegment);
        }

        var chunk = offsetInSegment / StripeBytes;
        var withinChunk = offsetInSegment % StripeBytes;
        var stripe = (int)(chunk % Areas.Count);
        var row = chunk / Areas.Count;
        return (stripe, (row * StripeBytes) + withinChunk, Math.Min(StripeBytes - withinChunk, Length - offsetInSegment));
    }
}

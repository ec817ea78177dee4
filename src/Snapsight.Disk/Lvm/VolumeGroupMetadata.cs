namespace Snapsight.Disk.Lvm;

/// <summary>A volume group as its metadata text describes it, already checked for internal consistency.</summary>
internal sealed record VolumeGroupMetadata(
    string Name,
    string Id,
    long SequenceNumber,
    long ExtentBytes,
    IReadOnlyDictionary<string, PhysicalVolumeMetadata> PhysicalVolumes,
    IReadOnlyList<LogicalVolumeMetadata> LogicalVolumes);

/// <summary>A <c>physical_volumes</c> entry: <paramref name="Uuid"/> without dashes, as the PV header stores it.</summary>
internal sealed record PhysicalVolumeMetadata(string Name, string Uuid, long DataStartBytes, long? ExtentCount);

/// <summary>
/// A visible logical volume. <paramref name="UnsupportedSegmentType"/> names the first segment
/// type other than "striped" (thin, snapshot, raid1, cache …), in which case
/// <paramref name="Segments"/> is empty.
/// </summary>
internal sealed record LogicalVolumeMetadata(
    string Name, string Id, long ExtentCount, IReadOnlyList<SegmentMetadata> Segments, string? UnsupportedSegmentType);

/// <summary>
/// A "striped" segment (linear is striped with one stripe in the text format). Each stripe
/// holds <c>ExtentCount / Stripes.Count</c> extents starting at its PV extent.
/// </summary>
internal sealed record SegmentMetadata(long StartExtent, long ExtentCount, long StripeBytes, IReadOnlyList<StripeMetadata> Stripes)
{
    public long ExtentsPerStripe => ExtentCount / Stripes.Count;
}

internal readonly record struct StripeMetadata(string PhysicalVolume, long FirstExtent);

using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.Lvm;

/// <summary>
/// Assembles LVM2 volume groups from the PVs among a disk's partitions and exposes their
/// logical volumes as block devices.
/// </summary>
public static class LvmReader
{
    /// <summary>
    /// Probes every candidate for an LVM2 label, reads the metadata of each volume group
    /// found (the copy with the highest seqno wins) and maps every visible LV. A corrupt PV
    /// or corrupt metadata throws <see cref="DiskFormatException"/>; an LV that cannot be
    /// read is returned with <see cref="LogicalVolume.Problem"/> set.
    /// </summary>
    public static async Task<IReadOnlyList<LogicalVolume>> ReadAsync(IReadOnlyList<IBlockDevice> candidates, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var pvs = new Dictionary<string, LvmPhysicalVolume>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            if (await LvmPhysicalVolume.OpenAsync(candidate, ct).ConfigureAwait(false) is not { } pv)
            {
                continue;
            }

            if (!pvs.TryAdd(pv.Uuid, pv))
            {
                throw new DiskFormatException("lvm", "lvm.pv_header", 0,
                    $"two devices claim PV UUID {pv.Uuid}; which one holds the data cannot be told");
            }
        }

        var groups = new Dictionary<string, VolumeGroupMetadata>(StringComparer.Ordinal);
        foreach (var pv in pvs.Values)
        {
            if (pv.MetadataText is null)
            {
                continue; // a PV created with --metadatacopies 0: its VG is described on the others
            }

            var vg = VolumeGroupMetadataReader.Read(MetadataParser.Parse(pv.MetadataText, pv.MetadataOffset));
            if (!groups.TryGetValue(vg.Id, out var known) || vg.SequenceNumber > known.SequenceNumber)
            {
                groups[vg.Id] = vg;
            }
        }

        return [.. groups.Values.OrderBy(vg => vg.Name, StringComparer.Ordinal)
            .SelectMany(vg => vg.LogicalVolumes.Select(lv => Map(vg, lv, pvs)))];
    }

    private static LogicalVolume Map(VolumeGroupMetadata vg, LogicalVolumeMetadata lv, Dictionary<string, LvmPhysicalVolume> pvs)
    {
        var length = lv.ExtentCount * vg.ExtentBytes; // bounded by VolumeGroupMetadataReader
        LogicalVolume Result(IBlockDevice? device, string? problem) => new()
        {
            VolumeGroup = vg.Name,
            Name = lv.Name,
            Uuid = lv.Id,
            Length = length,
            Device = device,
            Problem = problem,
        };

        if (lv.UnsupportedSegmentType is { } type)
        {
            return Result(null, $"segment type \"{type}\" is not supported");
        }

        var segments = new List<MappedSegment>(lv.Segments.Count);
        foreach (var segment in lv.Segments)
        {
            var areas = new List<StripeArea>(segment.Stripes.Count);
            foreach (var stripe in segment.Stripes)
            {
                var pvMetadata = vg.PhysicalVolumes[stripe.PhysicalVolume];
                if (!pvs.TryGetValue(pvMetadata.Uuid, out var pv))
                {
                    return Result(null, $"physical volume {pvMetadata.Name} (UUID {pvMetadata.Uuid}) is missing");
                }

                if (Place(vg, segment, stripe, pvMetadata, pv.Device) is not { } offset)
                {
                    return Result(null, $"segment at extent {segment.StartExtent} maps {segment.ExtentsPerStripe} extents from extent {stripe.FirstExtent} "
                        + $"past the end of physical volume {pvMetadata.Name} ({pv.Device.Length} bytes, pe_start {pvMetadata.DataStartBytes})");
                }

                areas.Add(new StripeArea(pv.Device, offset));
            }

            segments.Add(new MappedSegment(segment.StartExtent * vg.ExtentBytes, segment.ExtentCount * vg.ExtentBytes, segment.StripeBytes, areas));
        }

        return Result(new LogicalVolumeDevice(segments, $"lvm:{vg.Name}/{lv.Name}"), null);
    }

    /// <summary>The byte offset of a stripe's area on its PV, or null when the area does not lie inside the PV's data.</summary>
    private static long? Place(VolumeGroupMetadata vg, SegmentMetadata segment, StripeMetadata stripe, PhysicalVolumeMetadata pv, IBlockDevice device)
    {
        if (pv.ExtentCount is { } extents && (stripe.FirstExtent > extents || segment.ExtentsPerStripe > extents - stripe.FirstExtent))
        {
            return null;
        }

        if (stripe.FirstExtent > (long.MaxValue - pv.DataStartBytes) / vg.ExtentBytes)
        {
            return null;
        }

        var offset = pv.DataStartBytes + (stripe.FirstExtent * vg.ExtentBytes);
        var areaBytes = segment.ExtentsPerStripe * vg.ExtentBytes; // no larger than the LV's length
        return offset <= device.Length && areaBytes <= device.Length - offset ? offset : null;
    }
}

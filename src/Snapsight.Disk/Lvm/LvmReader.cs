using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.Lvm;

/// <summary>
/// Assembles LVM2 volume groups from the PVs among a disk's partitions and exposes their
/// logical volumes as block devices.
/// </summary>
public static class LvmReader
{
    /// <summary>
    /// Probes every candidate for an LVM2 label, reads the metadata of each volume group found
    /// (the readable copy with the highest seqno wins) and maps every visible LV. Damage stays
    /// with what it touches: an LV that cannot be read comes back with
    /// <see cref="LogicalVolume.Problem"/> set, and damage no LV can be named for (a corrupt PV
    /// or metadata copy, a PV UUID claimed twice) is listed in <see cref="LvmScanResult.Problems"/>;
    /// other volume groups are read as usual.
    /// </summary>
    public static async Task<LvmScanResult> ScanAsync(IReadOnlyList<IBlockDevice> candidates, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var problems = new List<LvmProblem>();
        var found = new List<(string Where, LvmPhysicalVolume Pv)>();
        for (var index = 0; index < candidates.Count; index++)
        {
            try
            {
                if (await LvmPhysicalVolume.OpenAsync(candidates[index], ct).ConfigureAwait(false) is { } pv)
                {
                    found.Add(($"device {index} (PV {pv.Uuid})", pv));
                }
            }
            catch (DiskFormatException e)
            {
                problems.Add(LvmProblem.From($"device {index}", e));
            }
        }

        // Two devices with one PV UUID (a cloned disk, multipath) cannot be told apart, so neither
        // is mapped; volume groups on other PVs are unaffected.
        var pvs = new Dictionary<string, LvmPhysicalVolume>(StringComparer.Ordinal);
        var claimedTwice = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in found.GroupBy(f => f.Pv.Uuid, StringComparer.Ordinal))
        {
            if (group.Count() == 1)
            {
                pvs.Add(group.Key, group.First().Pv);
                continue;
            }

            claimedTwice.Add(group.Key);
            problems.Add(new LvmProblem(string.Join(", ", group.Select(f => f.Where)), "lvm", "lvm.pv_header", 0,
                $"{group.Count()} devices claim PV UUID {group.Key}; which one holds the data cannot be told"));
        }

        var groups = ReadGroups(found, problems);
        var listed = groups.Values.SelectMany(vg => vg.PhysicalVolumes.Values).Select(p => p.Uuid).ToHashSet(StringComparer.Ordinal);
        foreach (var (where, pv) in found)
        {
            // A PV made with --metadatacopies 0 (or its copies ignored) is mapped only by metadata
            // on another disk; if that disk is not among the candidates, its data would vanish unsaid.
            if (pv.MetadataText is null && pv.MetadataProblem is null && !listed.Contains(pv.Uuid))
            {
                problems.Add(new LvmProblem(where, "lvm", "lvm.pv_header", 0,
                    $"physical volume {pv.Uuid} carries no metadata; its volume group, if any, is described on another disk"));
            }
        }

        return new LvmScanResult
        {
            Volumes = [.. groups.Values.OrderBy(vg => vg.Name, StringComparer.Ordinal)
                .SelectMany(vg => vg.LogicalVolumes.Select(lv => Map(vg, lv, pvs, claimedTwice)))],
            Problems = problems,
        };
    }

    /// <summary>Parses every PV's metadata copy; per volume group id, the highest seqno wins. A bad copy is a problem of its PV only.</summary>
    private static Dictionary<string, VolumeGroupMetadata> ReadGroups(List<(string Where, LvmPhysicalVolume Pv)> found, List<LvmProblem> problems)
    {
        var groups = new Dictionary<string, VolumeGroupMetadata>(StringComparer.Ordinal);
        foreach (var (where, pv) in found)
        {
            if (pv.MetadataProblem is { } damaged)
            {
                problems.Add(LvmProblem.From(where, damaged));
                continue;
            }

            if (pv.MetadataText is null)
            {
                continue;
            }

            VolumeGroupMetadata vg;
            try
            {
                vg = VolumeGroupMetadataReader.Read(MetadataParser.Parse(pv.MetadataText, pv.MetadataOffset));
            }
            catch (DiskFormatException e)
            {
                problems.Add(LvmProblem.From(where, e));
                continue;
            }

            if (!groups.TryGetValue(vg.Id, out var known) || vg.SequenceNumber > known.SequenceNumber)
            {
                groups[vg.Id] = vg;
            }
        }

        return groups;
    }

    private static LogicalVolume Map(
        VolumeGroupMetadata vg, LogicalVolumeMetadata lv, Dictionary<string, LvmPhysicalVolume> pvs, HashSet<string> claimedTwice)
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
                if (claimedTwice.Contains(pvMetadata.Uuid))
                {
                    return Result(null, $"physical volume {pvMetadata.Name} (UUID {pvMetadata.Uuid}) is claimed by more than one device");
                }

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

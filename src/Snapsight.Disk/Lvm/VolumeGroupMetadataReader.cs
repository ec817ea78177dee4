namespace Snapsight.Disk.Lvm;

/// <summary>
/// Interprets parsed metadata text as a volume group, following the text format that lvm2
/// writes (lib/format_text/export.c and import_vsn1.c): one top-level section named after
/// the VG with <c>id</c>, <c>seqno</c>, <c>extent_size</c> (512-byte sectors),
/// <c>physical_volumes</c> and <c>logical_volumes</c>; each LV with <c>segment_count</c>
/// sections <c>segment1…N</c>.
/// </summary>
internal static class VolumeGroupMetadataReader
{
    public const int MaxSegmentsPerVolume = 10_000;
    public const int MaxStripes = 128;
    private const long SectorBytes = 512;
    private const long MaxExtentSectors = 1L << 32;

    public static VolumeGroupMetadata Read(MetadataSection root)
    {
        var groups = root.Children;
        if (groups.Count != 1)
        {
            throw new DiskFormatException("lvm", "lvm.metadata", root.Offset, $"expected one volume group section, found {groups.Count}");
        }

        var vg = groups[0];
        var layer = $"lvm:{vg.Name}";
        var extentSectors = Integer(vg, "extent_size", layer, 1, MaxExtentSectors);
        var extentBytes = extentSectors * SectorBytes;
        var pvs = new Dictionary<string, PhysicalVolumeMetadata>(StringComparer.Ordinal);
        foreach (var pv in Section(vg, "physical_volumes", layer).Children)
        {
            var uuid = Text(pv, "id", layer).Replace("-", "", StringComparison.Ordinal);
            var peStart = Integer(pv, "pe_start", layer, 0, long.MaxValue / SectorBytes);
            long? peCount = pv["pe_count"] is null ? null : Integer(pv, "pe_count", layer, 0, long.MaxValue);
            pvs.Add(pv.Name, new PhysicalVolumeMetadata(pv.Name, uuid, peStart * SectorBytes, peCount));
        }

        var lvs = new List<LogicalVolumeMetadata>();
        foreach (var lv in vg.Child("logical_volumes")?.Children ?? [])
        {
            if (IsVisible(lv))
            {
                lvs.Add(ReadLogicalVolume(lv, $"{layer}/{lv.Name}", extentBytes, pvs));
            }
        }

        return new VolumeGroupMetadata(vg.Name, Text(vg, "id", layer), Integer(vg, "seqno", layer, 0, long.MaxValue), extentBytes, pvs, lvs);
    }

    /// <summary>Sub-volumes (thin pool data, mirror images, snapshot stores) are hidden: they are parts of another LV.</summary>
    private static bool IsVisible(MetadataSection lv) =>
        lv["status"] is MetadataList flags && flags.Items.Any(f => f is MetadataString { Text: "VISIBLE" });

    private static LogicalVolumeMetadata ReadLogicalVolume(
        MetadataSection lv, string layer, long extentBytes, Dictionary<string, PhysicalVolumeMetadata> pvs)
    {
        var segmentCount = Integer(lv, "segment_count", layer, 1, MaxSegmentsPerVolume);
        var segments = new List<SegmentMetadata>((int)segmentCount);
        var nextExtent = 0L;
        string? unsupported = null;
        for (var i = 1; i <= segmentCount; i++)
        {
            var section = Section(lv, $"segment{i}", layer);
            var start = Integer(section, "start_extent", layer, 0, long.MaxValue);
            var count = Integer(section, "extent_count", layer, 1, long.MaxValue - start);
            if (start != nextExtent)
            {
                throw Error(layer, section, $"segment{i} starts at extent {start}, but the previous segments end at {nextExtent}");
            }

            nextExtent = start + count;
            var type = Text(section, "type", layer);
            if (type != "striped")
            {
                unsupported ??= type;
            }
            else if (unsupported is null)
            {
                segments.Add(ReadStripedSegment(section, layer, start, count, extentBytes, pvs));
            }
        }

        if (lv.Children.Count != segmentCount)
        {
            throw Error(layer, lv, $"segment_count is {segmentCount} but the LV has {lv.Children.Count} sections");
        }

        if (nextExtent > long.MaxValue / extentBytes)
        {
            throw Error(layer, lv, $"{nextExtent} extents of {extentBytes} bytes do not fit in a 64-bit length");
        }

        return new LogicalVolumeMetadata(lv.Name, Text(lv, "id", layer), nextExtent, unsupported is null ? segments : [], unsupported);
    }

    private static SegmentMetadata ReadStripedSegment(
        MetadataSection section, string layer, long start, long count, long extentBytes, Dictionary<string, PhysicalVolumeMetadata> pvs)
    {
        var stripeCount = (int)Integer(section, "stripe_count", layer, 1, MaxStripes);
        if (count % stripeCount != 0)
        {
            throw Error(layer, section, $"extent_count {count} is not a multiple of stripe_count {stripeCount}");
        }

        // One stripe needs no stripe size: the whole segment is one run.
        var stripeBytes = extentBytes;
        if (stripeCount > 1)
        {
            stripeBytes = Integer(section, "stripe_size", layer, 1, extentBytes / SectorBytes) * SectorBytes;
            if (extentBytes % stripeBytes != 0)
            {
                throw Error(layer, section, $"stripe_size {stripeBytes / SectorBytes} does not divide extent_size {extentBytes / SectorBytes}");
            }
        }

        if (section["stripes"] is not MetadataList { Items: var items } || items.Count != 2 * stripeCount)
        {
            throw Error(layer, section, $"\"stripes\" must list {stripeCount} pairs of PV name and extent");
        }

        var stripes = new StripeMetadata[stripeCount];
        for (var s = 0; s < stripeCount; s++)
        {
            if (items[2 * s] is not MetadataString { Text: var pv } || !pvs.ContainsKey(pv)
                || items[(2 * s) + 1] is not MetadataInteger { Number: >= 0 and var extent })
            {
                throw Error(layer, section, $"stripe {s} is not a known PV name followed by a non-negative extent");
            }

            stripes[s] = new StripeMetadata(pv, extent);
        }

        return new SegmentMetadata(start, count, stripeBytes, stripes);
    }

    private static long Integer(MetadataSection section, string key, string layer, long min, long max) =>
        section[key] switch
        {
            MetadataInteger { Number: var n } when n >= min && n <= max => n,
            MetadataInteger { Number: var n } => throw Error(layer, section, $"{key} = {n} is outside [{min}, {max}]"),
            _ => throw Error(layer, section, $"{key} is missing or not an integer"),
        };

    private static string Text(MetadataSection section, string key, string layer) =>
        section[key] is MetadataString { Text: var text } ? text : throw Error(layer, section, $"{key} is missing or not a string");

    private static MetadataSection Section(MetadataSection parent, string name, string layer) =>
        parent.Child(name) ?? throw Error(layer, parent, $"section {name} is missing");

    private static DiskFormatException Error(string layer, MetadataSection section, string problem) =>
        new(layer, "lvm.metadata", section.Offset, $"in section \"{section.Name}\": {problem}");
}

using System.Buffers.Binary;
using System.Text;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.Lvm;

/// <summary>
/// Where the builder puts a PV's label and metadata area. Defaults follow what pvcreate
/// writes: label in sector 1, one metadata area at 4 KiB running up to pe_start (1 MiB),
/// text right after the 512-byte area header. The Claimed… knobs write lies for hostile tests.
/// </summary>
public sealed record PvLayout(string Uuid)
{
    public int LabelSector { get; init; } = 1;
    public long PeStart { get; init; } = 1 << 20;
    public long MdaOffset { get; init; } = 4096;
    public long MdaSize => PeStart - MdaOffset;

    /// <summary>Offset of the text inside the area; put it near the end to make the text wrap.</summary>
    public long TextOffset { get; init; } = 512;
    public ulong? ClaimedMdaOffset { get; init; }
    public ulong? ClaimedTextSize { get; init; }
}

/// <summary>
/// Lays out LVM2 physical volumes byte by byte from the on-disk format as lvm2 documents it in
/// its headers (lib/label/label.h: label_header; lib/format_text/layout.h: pv_header,
/// disk_locn, mda_header, raw_locn; lib/misc/crc.h: INITIAL_CRC) and places LV data the way
/// device-mapper's linear and striped targets map it. Checksums come from the test-side
/// <see cref="BitwiseCrc32"/>. No LVM tool runs here (no device-mapper), so this is the
/// fixture writer; docs/disk-formats/lvm.md describes the derivation.
/// </summary>
public static class LvmImageBuilder
{
    public const string MdaMagic = " LVM2 x[5A%r0N*>";

    /// <summary>Writes the label sector, PV header, metadata area header and text into the first PeStart bytes of <paramref name="pv"/>.</summary>
    public static void WritePvMetadata(Span<byte> pv, long pvSize, PvLayout layout, string metadataText)
    {
        var label = pv.Slice(layout.LabelSector * 512, 512);
        label.Clear();
        "LABELONE"u8.CopyTo(label);
        BinaryPrimitives.WriteUInt64LittleEndian(label[8..], (ulong)layout.LabelSector);
        BinaryPrimitives.WriteUInt32LittleEndian(label[20..], 32);
        "LVM2 001"u8.CopyTo(label[24..]);
        var header = label[32..];
        Encoding.ASCII.GetBytes(layout.Uuid).CopyTo(header);
        BinaryPrimitives.WriteUInt64LittleEndian(header[32..], (ulong)pvSize);
        BinaryPrimitives.WriteUInt64LittleEndian(header[40..], (ulong)layout.PeStart); // data area 0: offset, size 0 = "to the end"
        // header[56..72] stays zero: end of the data area list
        BinaryPrimitives.WriteUInt64LittleEndian(header[72..], layout.ClaimedMdaOffset ?? (ulong)layout.MdaOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(header[80..], (ulong)layout.MdaSize);
        // header[88..104] stays zero: end of the metadata area list
        BinaryPrimitives.WriteUInt32LittleEndian(label[16..], BitwiseCrc32.Lvm(label[20..]));

        // LVM stores the text with a terminating NUL counted in the raw location's size.
        var text = Encoding.UTF8.GetBytes(metadataText + "\0");
        var area = pv.Slice((int)layout.MdaOffset, (int)layout.MdaSize);
        area[..512].Clear();
        Encoding.ASCII.GetBytes(MdaMagic).CopyTo(area[4..]);
        BinaryPrimitives.WriteUInt32LittleEndian(area[20..], 1);
        BinaryPrimitives.WriteUInt64LittleEndian(area[24..], (ulong)layout.MdaOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(area[32..], (ulong)layout.MdaSize);
        BinaryPrimitives.WriteUInt64LittleEndian(area[40..], (ulong)layout.TextOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(area[48..], layout.ClaimedTextSize ?? (ulong)text.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(area[56..], BitwiseCrc32.Lvm(text));
        BinaryPrimitives.WriteUInt32LittleEndian(area[0..], BitwiseCrc32.Lvm(area[4..512]));

        // The circular buffer: what does not fit before the area's end continues after its header.
        var first = (int)Math.Min(text.Length, layout.MdaSize - layout.TextOffset);
        text.AsSpan(0, first).CopyTo(area[(int)layout.TextOffset..]);
        text.AsSpan(first).CopyTo(area[512..]);
    }

    /// <summary>
    /// The reference placement of LV bytes: segment by segment; in a segment of N stripes the
    /// bytes go out in chunks of stripe_size, chunk k to stripe k mod N at row k div N.
    /// </summary>
    public static void PlaceVolumeData(IReadOnlyDictionary<string, (Stream Pv, long PeStart)> pvs, long extentBytes, LvSpec lv, ReadOnlySpan<byte> data)
    {
        var lvOffset = 0L;
        foreach (var segment in lv.Segments)
        {
            var segmentBytes = segment.ExtentCount * extentBytes;
            var chunk = segment.Stripes.Length == 1 ? segmentBytes : segment.StripeSizeSectors * 512L;
            for (var k = 0L; k * chunk < segmentBytes; k++)
            {
                var (pvName, firstExtent) = segment.Stripes[(int)(k % segment.Stripes.Length)];
                var (stream, peStart) = pvs[pvName];
                stream.Position = peStart + (firstExtent * extentBytes) + (k / segment.Stripes.Length * chunk);
                stream.Write(data.Slice((int)(lvOffset + (k * chunk)), (int)chunk));
            }

            lvOffset += segmentBytes;
        }
    }
}

/// <summary>One striped segment: its extents are split evenly over <see cref="Stripes"/> (PV name, first PV extent).</summary>
public sealed record SegSpec(long ExtentCount, int StripeSizeSectors, params (string Pv, long Extent)[] Stripes)
{
    public string Type { get; init; } = "striped";
}

public sealed record LvSpec(string Name, string Uuid, params SegSpec[] Segments)
{
    public long ExtentCount => Segments.Sum(s => s.ExtentCount);
}

public sealed record PvSpec(string Name, string DashedUuid, long PeStartSectors, long PeCount, long DevSizeSectors)
{
    public string Uuid => DashedUuid.Replace("-", "", StringComparison.Ordinal);
}

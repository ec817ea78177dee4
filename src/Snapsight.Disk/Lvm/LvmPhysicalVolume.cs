using System.Buffers.Binary;
using System.Text;
using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.Lvm;

/// <summary>
/// An LVM2 physical volume: its label, PV header and (when it carries one) the current copy
/// of its volume group's metadata text.
/// </summary>
public sealed class LvmPhysicalVolume
{
    private const string Layer = "lvm";

    private LvmPhysicalVolume(IBlockDevice device, string uuid, byte[]? metadataText, long metadataOffset, DiskFormatException? metadataProblem)
    {
        Device = device;
        Uuid = uuid;
        MetadataText = metadataText;
        MetadataOffset = metadataOffset;
        MetadataProblem = metadataProblem;
    }

    internal IBlockDevice Device { get; }

    /// <summary>The 32-character PV UUID as stored (no dashes).</summary>
    internal string Uuid { get; }

    internal byte[]? MetadataText { get; }

    internal long MetadataOffset { get; }

    /// <summary>
    /// Why no metadata copy could be read, when every one is damaged. The PV's data is still
    /// usable: another PV of the volume group may carry good metadata that maps it.
    /// </summary>
    internal DiskFormatException? MetadataProblem { get; }

    /// <summary>How many bytes from the start of a device <see cref="Probe"/> wants to see.</summary>
    public const int ProbeBytes = LvmLabelLayout.SectorSize * LvmLabelLayout.ScanSectors;

    /// <summary>True when one of the first four sectors holds a valid LVM2 label (signature, type, sector number and CRC). Never throws.</summary>
    public static bool Probe(ReadOnlySpan<byte> firstFourSectors) => FindLabel(firstFourSectors) >= 0;

    private static int FindLabel(ReadOnlySpan<byte> head)
    {
        for (var index = 0; index < LvmLabelLayout.ScanSectors && (index + 1) * LvmLabelLayout.SectorSize <= head.Length; index++)
        {
            var sector = head.Slice(index * LvmLabelLayout.SectorSize, LvmLabelLayout.SectorSize);
            if (sector.StartsWith(LvmLabelLayout.IdValue)
                && sector[LvmLabelLayout.Type..].StartsWith(LvmLabelLayout.TypeValue)
                && BinaryPrimitives.ReadUInt64LittleEndian(sector[LvmLabelLayout.SectorNumber..]) == (ulong)index
                && BinaryPrimitives.ReadUInt32LittleEndian(sector[LvmLabelLayout.Crc..]) == LvmChecksum.Compute(sector[LvmLabelLayout.ContentOffset..]))
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>
    /// Reads the PV on <paramref name="device"/>; null when it has no LVM2 label, an error when the
    /// label or PV header is corrupt. Damaged metadata copies are kept in <see cref="MetadataProblem"/>.
    /// </summary>
    internal static async Task<LvmPhysicalVolume?> OpenAsync(IBlockDevice device, CancellationToken ct)
    {
        var head = await device.ReadBytesAsync(0, device.ClampToLength(0, ProbeBytes), Layer, "lvm.label", ct).ConfigureAwait(false);
        var index = FindLabel(head);
        if (index < 0)
        {
            return null;
        }

        var labelOffset = index * LvmLabelLayout.SectorSize;
        var sector = head.AsSpan(labelOffset, LvmLabelLayout.SectorSize);
        var contentOffset = BinaryPrimitives.ReadUInt32LittleEndian(sector[LvmLabelLayout.ContentOffset..]);

        // The PV header needs its UUID, size and two list terminators inside the sector.
        const int minimumPvHeader = PvHeaderLayout.DiskAreas + (2 * PvHeaderLayout.DiskLocatorSize);
        if (contentOffset < LvmLabelLayout.HeaderSize || contentOffset > LvmLabelLayout.SectorSize - minimumPvHeader)
        {
            throw new DiskFormatException(Layer, "lvm.label", labelOffset, $"PV header offset {contentOffset} leaves no room for a PV header in the label sector");
        }

        var pvHeader = sector[(int)contentOffset..];
        var uuid = ReadUuid(pvHeader[..PvHeaderLayout.UuidLength], labelOffset + contentOffset);
        var areas = pvHeader[PvHeaderLayout.DiskAreas..];
        var dataAreaCount = CountLocators(areas, labelOffset, "data area");
        var metadataAreas = ReadLocators(areas[((dataAreaCount + 1) * PvHeaderLayout.DiskLocatorSize)..], labelOffset);

        // Any one good copy of the metadata will do; if none is good, the first problem is the one reported.
        DiskFormatException? firstProblem = null;
        foreach (var (offset, size) in metadataAreas)
        {
            try
            {
                if (await MetadataArea.ReadTextAsync(device, offset, size, ct).ConfigureAwait(false) is var (text, textOffset))
                {
                    return new LvmPhysicalVolume(device, uuid, text, textOffset, null);
                }
            }
            catch (DiskFormatException e)
            {
                firstProblem ??= e;
            }
        }

        return new LvmPhysicalVolume(device, uuid, null, 0, firstProblem);
    }

    private static string ReadUuid(ReadOnlySpan<byte> bytes, long offset)
    {
        foreach (var b in bytes)
        {
            if (!char.IsAsciiLetterOrDigit((char)b) && b is not (byte)'!' and not (byte)'#')
            {
                throw new DiskFormatException(Layer, "lvm.pv_header", offset, $"PV UUID contains byte 0x{b:x2}, which LVM never writes");
            }
        }

        return Encoding.ASCII.GetString(bytes);
    }

    /// <summary>Counts the entries of a zero-terminated <c>disk_locn</c> list; the terminator must lie inside the sector.</summary>
    private static int CountLocators(ReadOnlySpan<byte> list, long labelOffset, string what)
    {
        for (var i = 0; (i + 1) * PvHeaderLayout.DiskLocatorSize <= list.Length; i++)
        {
            if (BinaryPrimitives.ReadUInt64LittleEndian(list[(i * PvHeaderLayout.DiskLocatorSize)..]) == 0)
            {
                return i;
            }
        }

        throw new DiskFormatException(Layer, "lvm.pv_header", labelOffset, $"the {what} list has no terminator inside the label sector");
    }

    private static List<(ulong Offset, ulong Size)> ReadLocators(ReadOnlySpan<byte> list, long labelOffset)
    {
        var count = CountLocators(list, labelOffset, "metadata area");
        var result = new List<(ulong, ulong)>(count);
        for (var i = 0; i < count; i++)
        {
            var locator = list[(i * PvHeaderLayout.DiskLocatorSize)..];
            result.Add((BinaryPrimitives.ReadUInt64LittleEndian(locator[PvHeaderLayout.LocatorOffset..]),
                BinaryPrimitives.ReadUInt64LittleEndian(locator[PvHeaderLayout.LocatorSize..])));
        }

        return result;
    }
}

using System.Buffers.Binary;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Checksums;
using L = Snapsight.Disk.Images.Vhdx.VhdxLayout;

namespace Snapsight.Disk.Images.Vhdx;

/// <summary>A region of the file: the BAT or the metadata.</summary>
internal readonly record struct VhdxRegion(long FileOffset, long Length);

/// <summary>
/// The region table (VHDX spec 2.3): the first copy with a valid signature and CRC-32C. Regions
/// must lie after the header section, inside the file, 1 MiB-aligned and without overlapping;
/// an unknown region marked required is refused.
/// </summary>
internal sealed record VhdxRegionTable(VhdxRegion Bat, VhdxRegion Metadata)
{
    private const string Structure = "vhdx.region-table";

    public static async Task<VhdxRegionTable> ReadAsync(IBlockDevice container, CancellationToken cancellationToken)
    {
        foreach (var offset in new[] { L.RegionTable1Offset, L.RegionTable2Offset })
        {
            var bytes = await container.ReadBytesAsync(offset, L.RegionTableSize, VhdxLayout.LayerName, Structure, cancellationToken)
                .ConfigureAwait(false);
            if (bytes.AsSpan().StartsWith(L.RegionTableSignature)
                && Crc32C.ComputeWithZeroedField(bytes, L.RegionTableChecksum) == BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(L.RegionTableChecksum)))
            {
                return Parse(bytes, offset, container.Length);
            }
        }

        throw new DiskFormatException(VhdxLayout.LayerName, Structure, L.RegionTable1Offset,
            "neither region table copy (at 192 KiB and 256 KiB) has the \"regi\" signature and a valid CRC-32C");
    }

    private static VhdxRegionTable Parse(byte[] table, long tableOffset, long containerLength)
    {
        var count = BinaryPrimitives.ReadUInt32LittleEndian(table.AsSpan(L.RegionTableEntryCount));
        if (count > L.MaxRegionEntries)
        {
            throw new DiskFormatException(VhdxLayout.LayerName, Structure, tableOffset + L.RegionTableEntryCount,
                $"entry count {count} exceeds {L.MaxRegionEntries}");
        }

        VhdxRegion? bat = null;
        VhdxRegion? metadata = null;
        var seen = new List<VhdxRegion>();
        for (var i = 0; i < count; i++)
        {
            var at = L.RegionTableEntries + i * L.RegionEntrySize;
            var entry = table.AsSpan(at, L.RegionEntrySize);
            var id = new Guid(entry[..16]);
            var fileOffset = BinaryPrimitives.ReadUInt64LittleEndian(entry[L.RegionEntryFileOffset..]);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(entry[L.RegionEntryLength..]);
            var required = (BinaryPrimitives.ReadUInt32LittleEndian(entry[L.RegionEntryRequired..]) & 1) != 0;
            if (fileOffset < L.HeaderSectionSize || fileOffset % L.MiB != 0 || length == 0 || length % L.MiB != 0
                || fileOffset > (ulong)containerLength || length > containerLength - (long)fileOffset)
            {
                throw new DiskFormatException(VhdxLayout.LayerName, Structure, tableOffset + at,
                    $"region {id} of {length} bytes at {fileOffset} is unaligned, inside the header section or past the end of the {containerLength}-byte file");
            }

            var region = new VhdxRegion((long)fileOffset, length);
            if (seen.Any(r => region.FileOffset < r.FileOffset + r.Length && r.FileOffset < region.FileOffset + region.Length))
            {
                throw new DiskFormatException(VhdxLayout.LayerName, Structure, tableOffset + at, $"region {id} at {fileOffset} overlaps another region");
            }

            seen.Add(region);
            if (id == L.BatRegion && bat is null)
            {
                bat = region;
            }
            else if (id == L.MetadataRegion && metadata is null)
            {
                metadata = region;
            }
            else if (required)
            {
                throw new UnsupportedFeatureException(VhdxLayout.LayerName, Structure, tableOffset + at, [$"required region {id}"]);
            }
        }

        if (bat is null || metadata is null)
        {
            throw new DiskFormatException(VhdxLayout.LayerName, Structure, tableOffset, "the BAT or the metadata region is missing");
        }

        return new VhdxRegionTable(bat.Value, metadata.Value);
    }
}

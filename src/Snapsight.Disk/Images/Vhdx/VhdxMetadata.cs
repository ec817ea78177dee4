using System.Buffers.Binary;
using Snapsight.Disk.BlockDevices;
using L = Snapsight.Disk.Images.Vhdx.VhdxLayout;

namespace Snapsight.Disk.Images.Vhdx;

/// <summary>
/// The metadata items a reader needs (VHDX spec 2.6): block size, virtual disk size and logical
/// sector size. A disk with a parent (differencing) and unknown required items are refused.
/// </summary>
internal sealed record VhdxMetadata(int BlockSize, long VirtualDiskSize, int LogicalSectorSize)
{
    private const string Structure = "vhdx.metadata";

    /// <summary>Payload blocks per sector bitmap block; the BAT holds one bitmap entry after each such group.</summary>
    public long ChunkRatio => L.SectorsPerBitmapBlock * LogicalSectorSize / BlockSize;

    public long DataBlocks => (VirtualDiskSize + BlockSize - 1) / BlockSize;

    /// <summary>BAT entries of a disk without a parent (spec 2.5): payload entries plus interleaved bitmap entries.</summary>
    public long BatEntries => DataBlocks == 0 ? 0 : DataBlocks + (DataBlocks - 1) / ChunkRatio;

    public static async Task<VhdxMetadata> ReadAsync(IBlockDevice container, VhdxRegion region, CancellationToken cancellationToken)
    {
        if (region.Length < L.MetadataTableSize)
        {
            throw new DiskFormatException(VhdxLayout.LayerName, Structure, region.FileOffset, $"the metadata region of {region.Length} bytes cannot hold its table");
        }

        var table = await container.ReadBytesAsync(region.FileOffset, L.MetadataTableSize, VhdxLayout.LayerName, Structure, cancellationToken)
            .ConfigureAwait(false);
        if (!table.AsSpan().StartsWith(L.MetadataSignature))
        {
            throw new DiskFormatException(VhdxLayout.LayerName, Structure, region.FileOffset, "missing the \"metadata\" signature");
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(table.AsSpan(L.MetadataEntryCount));
        if (count > L.MaxMetadataEntries)
        {
            throw new DiskFormatException(VhdxLayout.LayerName, Structure, region.FileOffset + L.MetadataEntryCount, $"entry count {count} exceeds {L.MaxMetadataEntries}");
        }

        var items = new Dictionary<Guid, byte[]>();
        for (var i = 0; i < count; i++)
        {
            var at = L.MetadataEntries + i * L.MetadataEntrySize;
            var entry = table.AsSpan(at, L.MetadataEntrySize);
            var id = new Guid(entry[..16]);
            var offset = BinaryPrimitives.ReadUInt32LittleEndian(entry[L.MetadataEntryOffset..]);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(entry[L.MetadataEntryLength..]);
            var required = (BinaryPrimitives.ReadUInt32LittleEndian(entry[L.MetadataEntryFlags..]) & L.MetadataFlagIsRequired) != 0;
            if (!IsKnown(id))
            {
                if (required)
                {
                    throw new UnsupportedFeatureException(VhdxLayout.LayerName, Structure, region.FileOffset + at, [$"required metadata item {id}"]);
                }

                continue;
            }

            if (length == 0 || offset < L.MetadataTableSize || offset > region.Length - length || !items.TryAdd(id, []))
            {
                throw new DiskFormatException(VhdxLayout.LayerName, Structure, region.FileOffset + at,
                    $"metadata item {id} of {length} bytes at region offset {offset} is empty, outside the region or repeated");
            }

            // The items whose values we use are at most 8 bytes; the others are only located.
            if (IsRead(id))
            {
                items[id] = await container.ReadBytesAsync(region.FileOffset + offset, (int)Math.Min(length, 8u), VhdxLayout.LayerName,
                    Structure, cancellationToken).ConfigureAwait(false);
            }
        }

        return Validate(items, region.FileOffset);
    }

    private static bool IsRead(Guid id) => id == L.FileParameters || id == L.VirtualDiskSize || id == L.LogicalSectorSize;

    private static bool IsKnown(Guid id) =>
        id == L.FileParameters || id == L.VirtualDiskSize || id == L.LogicalSectorSize
        || id == L.PhysicalSectorSize || id == L.VirtualDiskId || id == L.ParentLocator;

    private static VhdxMetadata Validate(Dictionary<Guid, byte[]> items, long at)
    {
        var parameters = Require(items, L.FileParameters, 8, "file parameters", at);
        var size = BinaryPrimitives.ReadUInt64LittleEndian(Require(items, L.VirtualDiskSize, 8, "virtual disk size", at));
        var sector = BinaryPrimitives.ReadUInt32LittleEndian(Require(items, L.LogicalSectorSize, 4, "logical sector size", at));
        var blockSize = BinaryPrimitives.ReadUInt32LittleEndian(parameters);
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(parameters.AsSpan(4));
        if ((flags & L.FileParametersHasParent) != 0 || items.ContainsKey(L.ParentLocator))
        {
            throw new UnsupportedFeatureException(VhdxLayout.LayerName, Structure, at, ["differencing disk (has parent)"]);
        }

        if (blockSize is < L.MinBlockSize or > L.MaxBlockSize || !uint.IsPow2(blockSize))
        {
            throw new DiskFormatException(VhdxLayout.LayerName, Structure, at, $"block size {blockSize} is not a power of two from 1 MiB to 256 MiB");
        }

        if (sector is not (512 or 4096))
        {
            throw new DiskFormatException(VhdxLayout.LayerName, Structure, at, $"logical sector size {sector} is neither 512 nor 4096");
        }

        if (size > L.MaxVirtualDiskSize || size % sector != 0)
        {
            throw new DiskFormatException(VhdxLayout.LayerName, Structure, at, $"virtual disk size {size} exceeds 64 TiB or is not a multiple of the {sector}-byte sector");
        }

        return new VhdxMetadata((int)blockSize, (long)size, (int)sector);
    }

    private static byte[] Require(Dictionary<Guid, byte[]> items, Guid id, int length, string name, long at) =>
        items.TryGetValue(id, out var value) && value.Length >= length
            ? value
            : throw new DiskFormatException(VhdxLayout.LayerName, Structure, at, $"the {name} item is missing or shorter than {length} bytes");
}

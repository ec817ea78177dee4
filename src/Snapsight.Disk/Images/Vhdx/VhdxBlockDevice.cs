using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.Images.Vhdx;

/// <summary>
/// The virtual disk of a VHDX file ([MS-VHDX] v1.0): the current header, the region table, the
/// metadata, then a BAT whose payload entries are interleaved with sector bitmap entries every
/// chunk-ratio blocks. BAT pages are read lazily.
/// </summary>
public sealed class VhdxBlockDevice : MappedImageDevice
{
    private readonly VhdxMetadata _metadata;
    private readonly VhdxRegion _bat;
    private readonly PagedTableReader _tables;

    private VhdxBlockDevice(IBlockDevice container, VhdxMetadata metadata, VhdxRegion bat)
        : base(container, metadata.VirtualDiskSize, metadata.BlockSize, VhdxLayout.LayerName)
    {
        _metadata = metadata;
        _bat = bat;
        _tables = new PagedTableReader(container, VhdxLayout.LayerName, bigEndian: false);
    }

    public static bool Probe(ReadOnlySpan<byte> header) => header.StartsWith(VhdxLayout.FileSignature);

    public static async Task<VhdxBlockDevice> OpenAsync(IBlockDevice container, CancellationToken cancellationToken = default)
    {
        var identifier = await container.ReadBytesAsync(0, 8, VhdxLayout.LayerName, "vhdx.file-identifier", cancellationToken).ConfigureAwait(false);
        if (!Probe(identifier))
        {
            throw new DiskFormatException(VhdxLayout.LayerName, "vhdx.file-identifier", 0, "missing the vhdxfile signature");
        }

        await VhdxHeader.ReadCurrentAsync(container, cancellationToken).ConfigureAwait(false);
        var regions = await VhdxRegionTable.ReadAsync(container, cancellationToken).ConfigureAwait(false);
        var metadata = await VhdxMetadata.ReadAsync(container, regions.Metadata, cancellationToken).ConfigureAwait(false);
        if (metadata.BatEntries > regions.Bat.Length / VhdxLayout.BatEntrySize)
        {
            throw new DiskFormatException(VhdxLayout.LayerName, "vhdx.bat", regions.Bat.FileOffset,
                $"the {regions.Bat.Length}-byte BAT region cannot hold the {metadata.BatEntries} entries of a {metadata.VirtualDiskSize}-byte disk");
        }

        return new VhdxBlockDevice(container, metadata, regions.Bat);
    }

    private protected override async ValueTask<ImageExtent> MapAsync(long offset, CancellationToken cancellationToken)
    {
        var blockSize = _metadata.BlockSize;
        var block = offset / blockSize;
        var inBlock = offset % blockSize;
        var run = Math.Min(blockSize - inBlock, Length - offset);
        var index = block + block / _metadata.ChunkRatio; // skip the interleaved sector bitmap entries
        var entry = await _tables.ReadEntryAsync(_bat.FileOffset, _metadata.BatEntries, VhdxLayout.BatEntrySize, index, "vhdx.bat", cancellationToken)
            .ConfigureAwait(false);
        var entryOffset = _bat.FileOffset + index * VhdxLayout.BatEntrySize;
        switch (entry & VhdxLayout.BatStateMask)
        {
            case VhdxLayout.PayloadNotPresent or VhdxLayout.PayloadUndefined or VhdxLayout.PayloadZero or VhdxLayout.PayloadUnmapped:
                return ImageExtent.Zero(run);
            case VhdxLayout.PayloadFullyPresent:
                var fileOffset = (long)(entry >> VhdxLayout.BatFileOffsetShift) << VhdxLayout.BatFileOffsetShift;
                if (fileOffset < VhdxLayout.HeaderSectionSize || fileOffset >= Container.Length)
                {
                    throw new DiskFormatException(Layer, "vhdx.bat", entryOffset,
                        $"payload block {block} at {fileOffset} lies in the header section or past the end of the {Container.Length}-byte file");
                }

                return ImageExtent.Data(fileOffset + inBlock, run);
            case VhdxLayout.PayloadPartiallyPresent:
                throw new UnsupportedFeatureException(Layer, "vhdx.bat", entryOffset, ["partially present block"],
                    "only valid in differencing disks");
            default:
                throw new DiskFormatException(Layer, "vhdx.bat", entryOffset, $"payload block {block} has invalid state {entry & VhdxLayout.BatStateMask}");
        }
    }
}

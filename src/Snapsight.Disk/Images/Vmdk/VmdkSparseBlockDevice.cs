using System.Buffers.Binary;
using Snapsight.Disk.BlockDevices;
using L = Snapsight.Disk.Images.Vmdk.VmdkSparseHeaderLayout;

namespace Snapsight.Disk.Images.Vmdk;

/// <summary>
/// The virtual disk of a hosted sparse VMDK extent: monolithicSparse, or streamOptimized with
/// zlib-compressed grains behind grain markers (Virtual Disk Format 5.0, "Hosted Sparse
/// Extents" and "Stream-Optimized Compressed Sparse Extents"). Grain directory and grain tables
/// are read lazily in pages.
/// </summary>
public sealed class VmdkSparseBlockDevice : MappedImageDevice
{
    private readonly VmdkSparseHeader _header;
    private readonly PagedTableReader _tables;

    private VmdkSparseBlockDevice(IBlockDevice container, VmdkSparseHeader header)
        : base(container, header.CapacitySectors * L.SectorSize, header.GrainBytes, VmdkSparseHeader.Layer, header.CompressedGrains)
    {
        _header = header;
        _tables = new PagedTableReader(container, VmdkSparseHeader.Layer, bigEndian: false);
    }

    public bool StreamOptimized => _header.StreamOptimized;

    public static bool Probe(ReadOnlySpan<byte> header) => VmdkSparseHeader.Probe(header);

    public static async Task<VmdkSparseBlockDevice> OpenAsync(IBlockDevice container, CancellationToken cancellationToken = default)
    {
        var header = await VmdkSparseHeader.ReadAsync(container, cancellationToken).ConfigureAwait(false);
        return new VmdkSparseBlockDevice(container, header);
    }

    private protected override async ValueTask<ImageExtent> MapAsync(long offset, CancellationToken cancellationToken)
    {
        var grainBytes = _header.GrainBytes;
        var grain = offset / grainBytes;
        var inGrain = offset % grainBytes;
        var run = Math.Min(grainBytes - inGrain, Length - offset);

        var gtSector = await _tables.ReadEntryAsync(_header.GdOffsetBytes, _header.GdEntries, 4,
            grain / _header.GtesPerGt, "vmdk.grain-directory", cancellationToken).ConfigureAwait(false);
        if (gtSector == 0)
        {
            return ImageExtent.Zero(run);
        }

        var grainSector = await _tables.ReadEntryAsync((long)gtSector * L.SectorSize, _header.GtesPerGt, 4,
            grain % _header.GtesPerGt, "vmdk.grain-table", cancellationToken).ConfigureAwait(false);
        if (grainSector is 0 or L.ZeroedGrain)
        {
            return ImageExtent.Zero(run);
        }

        var grainOffset = (long)grainSector * L.SectorSize;
        return _header.CompressedGrains
            ? ImageExtent.Compressed(run, grainOffset, 0, offset - inGrain, grainBytes)
            : ImageExtent.Data(grainOffset + inGrain, run);
    }

    /// <summary>A compressed grain starts with a marker: the grain's first sector (lba) and the compressed size.</summary>
    private protected override async ValueTask<byte[]> InflateUnitAsync(ImageExtent extent, CancellationToken cancellationToken)
    {
        var at = extent.ContainerOffset;
        var marker = await Container.ReadBytesAsync(at, L.MarkerDataStart, Layer, "vmdk.grain-marker", cancellationToken)
            .ConfigureAwait(false);
        var lba = BinaryPrimitives.ReadUInt64LittleEndian(marker.AsSpan(L.MarkerLba));
        var size = BinaryPrimitives.ReadUInt32LittleEndian(marker.AsSpan(L.MarkerSize));
        var expectedLba = (ulong)(extent.UnitStart / L.SectorSize);
        if (lba != expectedLba)
        {
            throw new DiskFormatException(Layer, "vmdk.grain-marker", at, $"marker lba {lba} is not the grain's sector {expectedLba}");
        }

        // Deflate cannot expand data by more than a small fraction; twice the grain is generous.
        var limit = Math.Min(2L * extent.UnitLength + 1024, Container.Length - at - L.MarkerDataStart);
        if (size == 0 || size > limit)
        {
            throw new DiskFormatException(Layer, "vmdk.grain-marker", at,
                $"compressed grain size {size} is zero, beyond twice the grain size, or past the end of the file");
        }

        return await UnitInflater.InflateAsync(Container, at + L.MarkerDataStart, (int)size, extent.UnitLength, RequiredLength(extent),
            zlibWrapped: true, Layer, "vmdk.compressed-grain", cancellationToken).ConfigureAwait(false);
    }
}

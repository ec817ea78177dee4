using System.Buffers.Binary;
using System.Text;
using Snapsight.Disk.BlockDevices;
using L = Snapsight.Disk.Images.Vmdk.VmdkSparseHeaderLayout;

namespace Snapsight.Disk.Images.Vmdk;

/// <summary>The validated fields of a hosted sparse extent header (after following a footer, if any).</summary>
internal sealed record VmdkSparseHeader(
    long CapacitySectors, int GrainSectors, int GtesPerGt, long GdOffsetBytes, long GdEntries, bool CompressedGrains, bool StreamOptimized)
{
    public const string Layer = "vmdk";
    private const string Structure = "vmdk.sparse-header";

    public int GrainBytes => GrainSectors * L.SectorSize;

    public static bool Probe(ReadOnlySpan<byte> header) =>
        header.Length >= L.HeaderSize && BinaryPrimitives.ReadUInt32LittleEndian(header) == L.MagicValue;

    public static async Task<VmdkSparseHeader> ReadAsync(IBlockDevice container, CancellationToken cancellationToken)
    {
        var h = await container.ReadBytesAsync(0, L.HeaderSize, Layer, Structure, cancellationToken).ConfigureAwait(false);
        CheckMagicAndVersion(h, 0);
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(L.Flags));
        var gdOffset = BinaryPrimitives.ReadUInt64LittleEndian(h.AsSpan(L.GdOffset));
        var footerOffset = 0L;
        if (gdOffset == L.GdAtEnd)
        {
            // streamOptimized written in one pass: the real grain directory offset is in the footer.
            footerOffset = container.Length - L.FooterFromEnd;
            if (footerOffset < L.HeaderSize)
            {
                throw new DiskFormatException(Layer, "vmdk.footer", footerOffset, "the file is too short to hold a footer");
            }

            h = await container.ReadBytesAsync(footerOffset, L.HeaderSize, Layer, "vmdk.footer", cancellationToken).ConfigureAwait(false);
            CheckMagicAndVersion(h, footerOffset);
            gdOffset = BinaryPrimitives.ReadUInt64LittleEndian(h.AsSpan(L.GdOffset));
            if (gdOffset == L.GdAtEnd)
            {
                throw new DiskFormatException(Layer, "vmdk.footer", footerOffset, "the footer too says the grain directory is at the end");
            }
        }

        var descriptor = await ReadDescriptorAsync(container, h, cancellationToken).ConfigureAwait(false);
        return Validate(h, flags, gdOffset, footerOffset, descriptor, container.Length);
    }

    private static void CheckMagicAndVersion(byte[] h, long offset)
    {
        if (BinaryPrimitives.ReadUInt32LittleEndian(h) != L.MagicValue)
        {
            throw new DiskFormatException(Layer, Structure, offset, "missing the KDMV magic");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(L.Version));
        if (version is < 1 or > 3)
        {
            throw new UnsupportedFeatureException(Layer, Structure, offset + L.Version, [$"sparse extent version {version}"]);
        }
    }

    private static VmdkSparseHeader Validate(byte[] h, uint flags, ulong gdOffset, long at, VmdkDescriptor? descriptor, long containerLength)
    {
        var capacity = BinaryPrimitives.ReadUInt64LittleEndian(h.AsSpan(L.Capacity));
        var grain = BinaryPrimitives.ReadUInt64LittleEndian(h.AsSpan(L.GrainSize));
        var gtes = BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(L.NumGtesPerGt));
        if (capacity > long.MaxValue / L.SectorSize)
        {
            throw new DiskFormatException(Layer, Structure, at + L.Capacity, $"capacity {capacity} sectors is too large");
        }

        if (grain is 0 or > L.MaxGrainSectors || !ulong.IsPow2(grain))
        {
            throw new DiskFormatException(Layer, Structure, at + L.GrainSize, $"grain size {grain} sectors is not a power of two up to {L.MaxGrainSectors}");
        }

        if (gtes is 0 or > L.MaxGtesPerGt)
        {
            throw new DiskFormatException(Layer, Structure, at + L.NumGtesPerGt, $"numGTEsPerGT {gtes} is outside 1..{L.MaxGtesPerGt}");
        }

        var compressed = (flags & L.FlagCompressedGrains) != 0;
        var algorithm = BinaryPrimitives.ReadUInt16LittleEndian(h.AsSpan(L.CompressAlgorithm));
        if (compressed && algorithm != L.CompressionDeflate)
        {
            throw new UnsupportedFeatureException(Layer, Structure, at + L.CompressAlgorithm, [$"compression algorithm {algorithm}"]);
        }

        var sectorsPerGt = grain * gtes;
        var gdEntries = (long)((capacity + sectorsPerGt - 1) / sectorsPerGt);
        if (gdOffset > (ulong)(containerLength / L.SectorSize) || gdEntries > (containerLength - (long)gdOffset * L.SectorSize) / 4)
        {
            throw new DiskFormatException(Layer, Structure, at + L.GdOffset,
                $"grain directory of {gdEntries} entries at sector {gdOffset} lies past the end of the {containerLength}-byte file");
        }

        descriptor?.RefuseParent(Layer, at);

        var streamOptimized = descriptor?.CreateType is { } type
            ? type.Equals("streamOptimized", StringComparison.OrdinalIgnoreCase)
            : compressed;
        return new VmdkSparseHeader((long)capacity, (int)grain, (int)gtes, (long)gdOffset * L.SectorSize, gdEntries, compressed, streamOptimized);
    }

    private static async Task<VmdkDescriptor?> ReadDescriptorAsync(IBlockDevice container, byte[] h, CancellationToken cancellationToken)
    {
        var offset = BinaryPrimitives.ReadUInt64LittleEndian(h.AsSpan(L.DescriptorOffset));
        var size = BinaryPrimitives.ReadUInt64LittleEndian(h.AsSpan(L.DescriptorSize));
        if (offset == 0 || size == 0)
        {
            return null;
        }

        if (size > L.MaxDescriptorBytes / L.SectorSize || offset > (ulong)(container.Length / L.SectorSize))
        {
            throw new DiskFormatException(Layer, Structure, L.DescriptorOffset,
                $"embedded descriptor of {size} sectors at sector {offset} is too large or past the end of the file");
        }

        var bytes = await container.ReadBytesAsync((long)offset * L.SectorSize, (int)size * L.SectorSize, Layer, "vmdk.descriptor",
            cancellationToken).ConfigureAwait(false);
        return VmdkDescriptor.Parse(Encoding.UTF8.GetString(bytes), Layer, (long)offset * L.SectorSize);
    }
}

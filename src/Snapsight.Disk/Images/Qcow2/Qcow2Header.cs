using System.Buffers.Binary;
using System.Text;
using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.Images.Qcow2;

/// <summary>The validated fields of a qcow2 header that reading the active image needs.</summary>
internal sealed record Qcow2Header(int Version, int ClusterBits, long VirtualSize, int L1Size, long L1TableOffset, bool Dirty)
{
    public const string Layer = "qcow2";
    private const string Structure = "qcow2.header";

    public int ClusterSize => 1 << ClusterBits;

    public int L2Entries => ClusterSize / Qcow2EntryLayout.EntrySize;

    public static bool Probe(ReadOnlySpan<byte> header) =>
        header.Length >= Qcow2HeaderLayout.Version2Length
        && BinaryPrimitives.ReadUInt32BigEndian(header) == Qcow2HeaderLayout.MagicValue;

    /// <summary>Reads and validates the header; refuses features this reader does not implement, by name.</summary>
    public static async Task<Qcow2Header> ReadAsync(IBlockDevice container, CancellationToken cancellationToken)
    {
        var h = await container.ReadBytesAsync(0, Math.Min(Qcow2HeaderLayout.Version3MinimumLength + 8, (int)Math.Min(container.Length, 4096)),
            Layer, Structure, cancellationToken).ConfigureAwait(false);
        if (h.Length < Qcow2HeaderLayout.Version2Length || BinaryPrimitives.ReadUInt32BigEndian(h) != Qcow2HeaderLayout.MagicValue)
        {
            throw new DiskFormatException(Layer, Structure, 0, "missing the QFI\\xfb magic");
        }

        var version = BinaryPrimitives.ReadUInt32BigEndian(h.AsSpan(Qcow2HeaderLayout.Version));
        if (version is not (2 or 3))
        {
            throw new UnsupportedFeatureException(Layer, Structure, Qcow2HeaderLayout.Version, [$"version {version}"]);
        }

        var clusterBits = BinaryPrimitives.ReadUInt32BigEndian(h.AsSpan(Qcow2HeaderLayout.ClusterBits));
        if (clusterBits is < Qcow2HeaderLayout.MinClusterBits or > Qcow2HeaderLayout.MaxClusterBits)
        {
            throw new DiskFormatException(Layer, Structure, Qcow2HeaderLayout.ClusterBits,
                $"cluster_bits {clusterBits} is outside {Qcow2HeaderLayout.MinClusterBits}..{Qcow2HeaderLayout.MaxClusterBits}");
        }

        var dirty = false;
        if (version == 3)
        {
            dirty = CheckVersion3Fields(h, clusterBits);
        }

        var crypt = BinaryPrimitives.ReadUInt32BigEndian(h.AsSpan(Qcow2HeaderLayout.CryptMethod));
        if (crypt != 0)
        {
            throw new UnsupportedFeatureException(Layer, Structure, Qcow2HeaderLayout.CryptMethod,
                [crypt == 1 ? "encryption (AES)" : crypt == 2 ? "encryption (LUKS)" : $"encryption (method {crypt})"]);
        }

        await RefuseBackingFileAsync(container, h, 1 << (int)clusterBits, cancellationToken).ConfigureAwait(false);

        var size = BinaryPrimitives.ReadUInt64BigEndian(h.AsSpan(Qcow2HeaderLayout.Size));
        var l1Size = BinaryPrimitives.ReadUInt32BigEndian(h.AsSpan(Qcow2HeaderLayout.L1Size));
        var l1Offset = BinaryPrimitives.ReadUInt64BigEndian(h.AsSpan(Qcow2HeaderLayout.L1TableOffset));
        var header = ValidateL1(version, (int)clusterBits, size, l1Size, l1Offset, container.Length);
        return header with { Dirty = dirty };
    }

    private static Qcow2Header ValidateL1(uint version, int clusterBits, ulong size, uint l1Size, ulong l1Offset, long containerLength)
    {
        // One L1 entry covers cluster_size * (cluster_size / 8) bytes.
        var bytesPerL1Entry = 1L << (2 * clusterBits - 3);
        if (l1Size > Qcow2HeaderLayout.MaxL1Bytes / Qcow2EntryLayout.EntrySize)
        {
            throw new DiskFormatException(Layer, Structure, Qcow2HeaderLayout.L1Size,
                $"l1_size {l1Size} exceeds the limit of {Qcow2HeaderLayout.MaxL1Bytes / Qcow2EntryLayout.EntrySize} entries");
        }

        if (size > (ulong)l1Size * (ulong)bytesPerL1Entry || size > long.MaxValue)
        {
            throw new DiskFormatException(Layer, Structure, Qcow2HeaderLayout.Size,
                $"virtual size {size} needs more than the {l1Size} L1 entries of {bytesPerL1Entry} bytes each");
        }

        var l1Bytes = (long)l1Size * Qcow2EntryLayout.EntrySize;
        if (l1Size > 0 && (l1Offset % (1UL << clusterBits) != 0 || l1Offset > (ulong)containerLength || (long)l1Offset > containerLength - l1Bytes))
        {
            throw new DiskFormatException(Layer, Structure, Qcow2HeaderLayout.L1TableOffset,
                $"L1 table of {l1Size} entries at {l1Offset} is unaligned or lies past the end of the {containerLength}-byte file");
        }

        return new Qcow2Header((int)version, clusterBits, (long)size, (int)l1Size, (long)l1Offset, false);
    }

    /// <summary>Checks the version 3 fields; returns the dirty bit (harmless when reading: refcounts are not used).</summary>
    private static bool CheckVersion3Fields(byte[] h, uint clusterBits)
    {
        if (h.Length < Qcow2HeaderLayout.Version3MinimumLength)
        {
            throw new DiskFormatException(Layer, Structure, 0, $"a version 3 header needs {Qcow2HeaderLayout.Version3MinimumLength} bytes");
        }

        var headerLength = BinaryPrimitives.ReadUInt32BigEndian(h.AsSpan(Qcow2HeaderLayout.HeaderLength));
        if (headerLength < Qcow2HeaderLayout.Version3MinimumLength || headerLength > 1u << (int)clusterBits)
        {
            throw new DiskFormatException(Layer, Structure, Qcow2HeaderLayout.HeaderLength,
                $"header_length {headerLength} is outside {Qcow2HeaderLayout.Version3MinimumLength}..{1u << (int)clusterBits}");
        }

        var incompatible = BinaryPrimitives.ReadUInt64BigEndian(h.AsSpan(Qcow2HeaderLayout.IncompatibleFeatures));
        var refused = new List<string>();
        for (var bit = 0; bit < 64; bit++)
        {
            if ((incompatible & (1UL << bit)) == 0 || bit is Qcow2HeaderLayout.DirtyBit or Qcow2HeaderLayout.CompressionTypeBit)
            {
                continue;
            }

            refused.Add(bit switch
            {
                Qcow2HeaderLayout.CorruptBit => "corrupt",
                Qcow2HeaderLayout.ExternalDataFileBit => "external data file",
                Qcow2HeaderLayout.ExtendedL2Bit => "extended L2 entries",
                _ => $"incompatible feature bit {bit}",
            });
        }

        // The compression type byte exists only when header_length says so; 0 is zlib (raw deflate).
        var compressionType = headerLength > Qcow2HeaderLayout.CompressionType && h.Length > Qcow2HeaderLayout.CompressionType
            ? h[Qcow2HeaderLayout.CompressionType]
            : 0;
        var compressionBit = (incompatible & (1UL << Qcow2HeaderLayout.CompressionTypeBit)) != 0;
        if (compressionType != 0 || compressionBit)
        {
            refused.Add(compressionType == 1 ? "zstd compression" : $"compression type {compressionType}");
        }

        if (refused.Count > 0)
        {
            throw new UnsupportedFeatureException(Layer, Structure, Qcow2HeaderLayout.IncompatibleFeatures, refused);
        }

        return (incompatible & (1UL << Qcow2HeaderLayout.DirtyBit)) != 0;
    }

    private static async Task RefuseBackingFileAsync(IBlockDevice container, byte[] h, int clusterSize, CancellationToken cancellationToken)
    {
        var offset = BinaryPrimitives.ReadUInt64BigEndian(h.AsSpan(Qcow2HeaderLayout.BackingFileOffset));
        if (offset == 0)
        {
            return;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(h.AsSpan(Qcow2HeaderLayout.BackingFileSize));
        // The name lives in the first cluster, after the header; read it only when that holds.
        var name = "(name unreadable)";
        if (length is > 0 and <= Qcow2HeaderLayout.MaxBackingFileNameBytes && offset < (ulong)clusterSize
            && offset + length <= (ulong)Math.Min(clusterSize, container.Length))
        {
            var bytes = await container.ReadBytesAsync((long)offset, (int)length, Layer, "qcow2.backing-file-name", cancellationToken)
                .ConfigureAwait(false);
            name = Encoding.UTF8.GetString(bytes);
        }

        throw new UnsupportedFeatureException(Layer, Structure, Qcow2HeaderLayout.BackingFileOffset,
            ["backing file"], $"backing file \"{name}\"; open the backing chain flattened, e.g. qemu-img convert");
    }
}

using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.Images.Qcow2;

/// <summary>
/// The virtual disk of a qcow2 image, versions 2 and 3 (QEMU docs/interop/qcow2.txt). L1 and L2
/// tables are read lazily in pages; zero and unallocated clusters never touch the file;
/// compressed clusters are raw deflate (compression_type zlib) and inflated on demand.
/// </summary>
public sealed class Qcow2BlockDevice : MappedImageDevice
{
    private readonly Qcow2Header _header;
    private readonly PagedTableReader _tables;

    private Qcow2BlockDevice(IBlockDevice container, Qcow2Header header)
        : base(container, header.VirtualSize, header.ClusterSize, Qcow2Header.Layer, compressedUnits: true)
    {
        _header = header;
        _tables = new PagedTableReader(container, Qcow2Header.Layer, bigEndian: true);
    }

    /// <summary>Whether the image was not closed cleanly (refcounts may be stale; reading does not use them).</summary>
    public bool Dirty => _header.Dirty;

    public static bool Probe(ReadOnlySpan<byte> header) => Qcow2Header.Probe(header);

    public static async Task<Qcow2BlockDevice> OpenAsync(IBlockDevice container, CancellationToken cancellationToken = default)
    {
        var header = await Qcow2Header.ReadAsync(container, cancellationToken).ConfigureAwait(false);
        return new Qcow2BlockDevice(container, header);
    }

    private protected override async ValueTask<ImageExtent> MapAsync(long offset, CancellationToken cancellationToken)
    {
        var clusterSize = _header.ClusterSize;
        var cluster = offset >> _header.ClusterBits;
        var inCluster = offset & (clusterSize - 1);
        var run = Math.Min(clusterSize - inCluster, Length - offset);

        var l1Entry = await _tables.ReadEntryAsync(_header.L1TableOffset, _header.L1Size, Qcow2EntryLayout.EntrySize,
            cluster / _header.L2Entries, "qcow2.L1", cancellationToken).ConfigureAwait(false);
        var l2Offset = (long)(l1Entry & Qcow2EntryLayout.OffsetMask);
        if (l2Offset == 0)
        {
            return ImageExtent.Zero(run);
        }

        if (l2Offset % clusterSize != 0)
        {
            throw new DiskFormatException(Layer, "qcow2.L1", _header.L1TableOffset, $"L2 table offset {l2Offset} is not cluster-aligned");
        }

        var l2Entry = await _tables.ReadEntryAsync(l2Offset, _header.L2Entries, Qcow2EntryLayout.EntrySize,
            cluster % _header.L2Entries, "qcow2.L2", cancellationToken).ConfigureAwait(false);
        if ((l2Entry & Qcow2EntryLayout.CompressedFlag) != 0)
        {
            return MapCompressed(l2Entry, offset - inCluster, run, l2Offset);
        }

        var host = (long)(l2Entry & Qcow2EntryLayout.OffsetMask);
        if ((_header.Version >= 3 && (l2Entry & Qcow2EntryLayout.ZeroFlag) != 0) || host == 0)
        {
            return ImageExtent.Zero(run);
        }

        if (host % clusterSize != 0)
        {
            throw new DiskFormatException(Layer, "qcow2.L2", l2Offset, $"data cluster offset {host} is not cluster-aligned");
        }

        return ImageExtent.Data(host + inCluster, run);
    }

    /// <summary>
    /// Compressed cluster descriptor: with x = 62 - (cluster_bits - 8), bits 0..x-1 are the host
    /// offset and bits x..61 the number of additional 512-byte sectors (qcow2.txt, "Compressed Clusters Descriptor").
    /// </summary>
    private ImageExtent MapCompressed(ulong l2Entry, long unitStart, long run, long l2Offset)
    {
        var x = 62 - (_header.ClusterBits - 8);
        var host = (long)(l2Entry & ((1UL << x) - 1));
        var sectors = (long)((l2Entry >> x) & ((1UL << (62 - x)) - 1)) + 1;
        if (host >= Container.Length)
        {
            throw new DiskFormatException(Layer, "qcow2.L2", l2Offset,
                $"compressed cluster at {host} lies past the end of the {Container.Length}-byte file");
        }

        // The sector count is an upper bound that may run past the end of the file (QEMU clamps it too).
        var compressedLength = (int)Math.Min(sectors * 512 - (host & 511), Container.Length - host);
        return ImageExtent.Compressed(run, host, compressedLength, unitStart, _header.ClusterSize);
    }
}

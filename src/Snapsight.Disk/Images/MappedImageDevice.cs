using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.Images;

/// <summary>
/// The read path shared by sparse image formats: a format maps a virtual offset to an
/// <see cref="ImageExtent"/> (zeros, stored bytes, or part of a compressed unit), and this base
/// serves the bytes. Zeros never touch the container, which is owned by whoever opened the image
/// (see <see cref="OpenedDiskImage"/>); inflated units sit in a small bounded cache, which
/// <see cref="Prefetch"/> hints fill ahead of the reader in formats that compress (see <see cref="UnitPrefetcher"/>).
/// </summary>
public abstract class MappedImageDevice : SplitReadDevice
{
    private const long InflatedUnitCacheBytes = 8L * 1024 * 1024;

    private readonly AsyncLruCache<long> _inflatedUnits = new(InflatedUnitCacheBytes);
    private readonly UnitPrefetcher? _prefetcher;
    private volatile bool _compressedUnitSeen; // hints are followed once a read meets a compressed unit: a qcow2 may have none

    /// <param name="compressedUnits">Whether units may be compressed; only then can <see cref="Prefetch"/> hints be followed.</param>
    private protected MappedImageDevice(IBlockDevice container, long length, int blockSize, string layer, bool compressedUnits = false)
    {
        Container = container;
        Length = length;
        BlockSize = blockSize;
        Layer = layer;
        _prefetcher = compressedUnits ? new UnitPrefetcher(WarmUnitAsync, blockSize, length) : null;
    }

    public override long Length { get; }

    public override int BlockSize { get; }

    protected IBlockDevice Container { get; }

    protected string Layer { get; }

    protected override async ValueTask<int> ReadRunAsync(long position, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var extent = await MapAsync(position, cancellationToken).ConfigureAwait(false);
        var count = (int)Math.Min(extent.Length, destination.Length);
        if (count <= 0)
        {
            return 0; // a mapping that makes no progress, which the read loop refuses
        }

        var target = destination[..count];
        switch (extent.Kind)
        {
            case ImageExtentKind.Zero:
                target.Span.Clear();
                break;
            case ImageExtentKind.Data:
                await Container.ReadExactlyAsync(extent.ContainerOffset, target, Layer, $"{Layer}.data", cancellationToken)
                    .ConfigureAwait(false);
                break;
            default:
                _compressedUnitSeen = true;
                var unit = await InflatedUnitAsync(extent, cancellationToken).ConfigureAwait(false);
                unit.AsSpan((int)(position - extent.UnitStart), count).CopyTo(target.Span);
                break;
        }

        return count;
    }

    /// <summary>
    /// Stored and zero runs are cheap to read on demand, so only compressed units are warmed, on one worker, a bounded
    /// number a hint (see <see cref="UnitPrefetcher"/>), and only once a read has met one: an image that compresses nothing
    /// (most qcow2) never pays for mapping hinted units on another thread.
    /// </summary>
    public override void Prefetch(long offset, long length)
    {
        if (_compressedUnitSeen)
        {
            _prefetcher?.Hint(offset, length);
        }
    }

    /// <summary>Stops warming hinted units. The container is owned by whoever opened the image (see <see cref="OpenedDiskImage"/>).</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _prefetcher?.Dispose();
        }

        base.Dispose(disposing);
    }

    private ValueTask<byte[]> InflatedUnitAsync(ImageExtent extent, CancellationToken cancellationToken) =>
        _inflatedUnits.GetOrLoadAsync(extent.UnitStart, extent.UnitLength, (_, ct) => InflateUnitAsync(extent, ct).AsTask(), cancellationToken);

    /// <summary>Brings the unit at <paramref name="unitStart"/> into the cache when it is compressed and not there yet.</summary>
    private async ValueTask WarmUnitAsync(long unitStart, CancellationToken cancellationToken)
    {
        if (_inflatedUnits.Contains(unitStart))
        {
            return;
        }

        var extent = await MapAsync(unitStart, cancellationToken).ConfigureAwait(false);
        if (extent.Kind == ImageExtentKind.Compressed)
        {
            await InflatedUnitAsync(extent, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Maps <paramref name="offset"/> (inside the device) to the run of bytes that starts there.</summary>
    private protected abstract ValueTask<ImageExtent> MapAsync(long offset, CancellationToken cancellationToken);

    /// <summary>Bytes of a unit that lie inside the virtual disk (the last unit may be cut short).</summary>
    private protected int RequiredLength(ImageExtent extent) => (int)Math.Min(extent.UnitLength, Length - extent.UnitStart);

    /// <summary>
    /// Inflates a whole compressed unit. The default reads <see cref="ImageExtent.CompressedLength"/>
    /// bytes of raw deflate (qcow2's encoding); VMDK overrides it to read its grain marker first.
    /// </summary>
    private protected virtual ValueTask<byte[]> InflateUnitAsync(ImageExtent extent, CancellationToken cancellationToken) =>
        UnitInflater.InflateAsync(Container, extent.ContainerOffset, extent.CompressedLength, extent.UnitLength,
            RequiredLength(extent), zlibWrapped: false, Layer, $"{Layer}.compressed-cluster", cancellationToken);
}

namespace Snapsight.Disk.BlockDevices;

/// <summary>
/// A read-only, randomly addressable sequence of bytes: a disk image, a partition, a logical
/// volume or a cloud snapshot. Every layer is a stateless translation of offsets, so reads at
/// different offsets may run concurrently.
/// </summary>
public interface IBlockDevice : IDisposable
{
    /// <summary>The device's size in bytes (for an image format, its virtual size).</summary>
    long Length { get; }

    /// <summary>The natural unit of the underlying store; reads aligned to it are cheapest.</summary>
    int BlockSize { get; }

    /// <summary>Bytes and requests this device has served to its callers.</summary>
    ReadStatistics Statistics { get; }

    /// <summary>
    /// Reads up to <c>buffer.Length</c> bytes at <paramref name="offset"/>. Returns fewer only
    /// when the read reaches the end of the device; reading at or past the end returns 0.
    /// </summary>
    ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken = default);

    /// <summary>
    /// A hint that <paramref name="length"/> bytes at <paramref name="offset"/> will be read soon: a device over a slow
    /// store may start fetching them, all at once, and return at once. Nothing is promised: a device may fetch part of
    /// the range or none of it, and results never depend on it. Local devices ignore it.
    /// </summary>
    void Prefetch(long offset, long length)
    {
    }
}

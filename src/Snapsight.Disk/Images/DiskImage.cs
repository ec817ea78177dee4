using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Images.Qcow2;
using Snapsight.Disk.Images.Vhd;
using Snapsight.Disk.Images.Vhdx;
using Snapsight.Disk.Images.Vmdk;

namespace Snapsight.Disk.Images;

/// <summary>
/// Opens a disk image file of any supported format, detected from its content. Every probe runs
/// in isolation (one format's probe cannot break another's); the first that matches decides the
/// format, and opening it then validates fully: a damaged qcow2 is an error, not a raw disk.
/// Files that no probe claims are raw disks.
/// </summary>
public static class DiskImage
{
    /// <summary>Probes look at most at the first 64 KiB, plus the last 512 bytes for a VHD footer.</summary>
    public const int ProbeHeadBytes = 64 * 1024;
    private const int ProbeTailBytes = 512;

    private delegate bool Probe(ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail);

    private enum Detected
    {
        Raw,
        Qcow2,
        VmdkSparse,
        VmdkDescriptor,
        Vhdx,
        Vhd,
    }

    // Ordered from the most specific signature to the least; VHD comes last because a fixed VHD
    // is recognised only by its footer and any other format's data could end with one.
    private static readonly (Detected Format, Probe Probe)[] Probes =
    [
        (Detected.Qcow2, (head, _) => Qcow2BlockDevice.Probe(head)),
        (Detected.VmdkSparse, (head, _) => VmdkSparseBlockDevice.Probe(head)),
        (Detected.Vhdx, (head, _) => VhdxBlockDevice.Probe(head)),
        (Detected.VmdkDescriptor, (head, _) => VmdkDescriptor.Probe(head)),
        (Detected.Vhd, VhdImage.Probe),
    ];

    /// <summary>
    /// Opens <paramref name="path"/>. Bad data throws <see cref="DiskFormatException"/>, a format
    /// feature we do not read throws <see cref="UnsupportedFeatureException"/>, and a missing or
    /// unreadable file throws <see cref="IOException"/>.
    /// </summary>
    public static async Task<OpenedDiskImage> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        var file = FileBlockDevice.Open(path);
        try
        {
            var format = await DetectAsync(file, cancellationToken).ConfigureAwait(false);
            if (format == Detected.VmdkDescriptor)
            {
                var (extent, device) = await VmdkFlatImage.OpenAsync(path, file, cancellationToken).ConfigureAwait(false);
                return new OpenedDiskImage(DiskImageFormats.VmdkMonolithicFlat, device, extent, file);
            }

            return await OpenDetectedAsync(format, file, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens an image held in <paramref name="container"/> (not owned: disposing the result leaves
    /// it open). A VMDK text descriptor needs the files next to it: open it by path instead.
    /// </summary>
    public static async Task<OpenedDiskImage> OpenAsync(IBlockDevice container, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(container);
        var format = await DetectAsync(container, cancellationToken).ConfigureAwait(false);
        if (format == Detected.VmdkDescriptor)
        {
            throw new UnsupportedFeatureException("vmdk", "vmdk.descriptor", 0, ["VMDK text descriptor without a path"],
                "open it with DiskImage.OpenAsync(path) so its extent files can be found");
        }

        return await OpenDetectedAsync(format, new NotOwned(container), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <paramref name="container"/> read as a raw disk, whatever its first bytes look like (a cloud
    /// volume is a disk, not an image file). It stays the caller's: disposing the result leaves it open.
    /// </summary>
    internal static OpenedDiskImage OpenRaw(IBlockDevice container) => Raw(new NotOwned(container));

    private static OpenedDiskImage Raw(IBlockDevice container) =>
        new(DiskImageFormats.Raw, new SliceBlockDevice(container, 0, container.Length), container);

    private static async Task<OpenedDiskImage> OpenDetectedAsync(Detected format, IBlockDevice container, CancellationToken cancellationToken)
    {
        switch (format)
        {
            case Detected.Qcow2:
                return new OpenedDiskImage(DiskImageFormats.Qcow2,
                    await Qcow2BlockDevice.OpenAsync(container, cancellationToken).ConfigureAwait(false), container);
            case Detected.VmdkSparse:
                var vmdk = await VmdkSparseBlockDevice.OpenAsync(container, cancellationToken).ConfigureAwait(false);
                return new OpenedDiskImage(
                    vmdk.StreamOptimized ? DiskImageFormats.VmdkStreamOptimized : DiskImageFormats.VmdkMonolithicSparse, vmdk, container);
            case Detected.Vhdx:
                return new OpenedDiskImage(DiskImageFormats.Vhdx,
                    await VhdxBlockDevice.OpenAsync(container, cancellationToken).ConfigureAwait(false), container);
            case Detected.Vhd:
                var (device, dynamic) = await VhdImage.OpenAsync(container, cancellationToken).ConfigureAwait(false);
                return new OpenedDiskImage(dynamic ? DiskImageFormats.VhdDynamic : DiskImageFormats.VhdFixed, device, container);
            default:
                return Raw(container);
        }
    }

    private static async Task<Detected> DetectAsync(IBlockDevice container, CancellationToken cancellationToken)
    {
        var headLength = (int)Math.Min(ProbeHeadBytes, container.Length);
        var head = await container.ReadBytesAsync(0, headLength, "image", "image.probe", cancellationToken).ConfigureAwait(false);
        var tailLength = (int)Math.Min(ProbeTailBytes, container.Length);
        var tail = await container.ReadBytesAsync(container.Length - tailLength, tailLength, "image", "image.probe", cancellationToken)
            .ConfigureAwait(false);
        foreach (var (format, probe) in Probes)
        {
            if (Matches(probe, head, tail))
            {
                return format;
            }
        }

        return Detected.Raw;
    }

    /// <summary>Probes must not throw; should one do so anyway, it is a non-match, so the others still run.</summary>
    private static bool Matches(Probe probe, byte[] head, byte[] tail)
    {
        try
        {
            return probe(head, tail);
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>A caller's container: reads pass through, disposal is left to the caller.</summary>
    private sealed class NotOwned(IBlockDevice inner) : IBlockDevice
    {
        public long Length => inner.Length;

        public int BlockSize => inner.BlockSize;

        public ReadStatistics Statistics => inner.Statistics;

        public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(offset, buffer, cancellationToken);

        public void Prefetch(long offset, long length) => inner.Prefetch(offset, length);

        public void Dispose()
        {
        }
    }
}

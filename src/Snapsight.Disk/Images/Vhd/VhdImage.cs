using System.Buffers.Binary;
using Snapsight.Disk.BlockDevices;
using F = Snapsight.Disk.Images.Vhd.VhdFooterLayout;

namespace Snapsight.Disk.Images.Vhd;

/// <summary>
/// VHD (Microsoft Virtual Hard Disk Image Format Specification 1.0): fixed disks are the raw
/// data followed by a footer; dynamic disks add a header, a BAT and bitmapped blocks.
/// Differencing disks are refused, naming their parent.
/// </summary>
public static class VhdImage
{
    public const string Layer = "vhd";
    private const string FooterStructure = "vhd.footer";

    /// <summary>
    /// A VHD carries its footer at the end; dynamic disks also carry a copy at offset 0. A cookie at
    /// offset 0 is a strong sign; at the end it must come with a valid checksum, since any raw disk
    /// may happen to end with those eight bytes.
    /// </summary>
    public static bool Probe(ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail) =>
        head.StartsWith(F.CookieValue)
        || (tail.Length >= F.Size && IsValidFooter(tail[^F.Size..]));

    /// <summary>Opens the virtual disk; the result's <c>Dynamic</c> says which kind it is.</summary>
    public static async Task<(IBlockDevice Device, bool Dynamic)> OpenAsync(IBlockDevice container, CancellationToken cancellationToken = default)
    {
        var (footer, footerOffset) = await ReadFooterAsync(container, cancellationToken).ConfigureAwait(false);
        var currentSize = BinaryPrimitives.ReadUInt64BigEndian(footer.AsSpan(F.CurrentSize));
        var diskType = BinaryPrimitives.ReadUInt32BigEndian(footer.AsSpan(F.DiskType));
        if (currentSize > long.MaxValue)
        {
            throw new DiskFormatException(Layer, FooterStructure, footerOffset + F.CurrentSize, $"current size {currentSize} is too large");
        }

        var size = (long)currentSize;
        switch (diskType)
        {
            case F.DiskTypeFixed:
                // The data is the file up to the footer.
                if (size > container.Length - F.Size)
                {
                    throw new DiskFormatException(Layer, FooterStructure, footerOffset + F.CurrentSize,
                        $"fixed disk of {size} bytes does not fit in the {container.Length}-byte file");
                }

                return (new SliceBlockDevice(container, 0, size), false);
            case F.DiskTypeDynamic:
            case F.DiskTypeDifferencing:
                var headerOffset = BinaryPrimitives.ReadUInt64BigEndian(footer.AsSpan(F.DataOffset));
                if (headerOffset > (ulong)container.Length)
                {
                    throw new DiskFormatException(Layer, FooterStructure, footerOffset + F.DataOffset,
                        $"dynamic header offset {headerOffset} lies past the end of the {container.Length}-byte file");
                }

                var header = await VhdDynamicHeader.ReadAsync(container, (long)headerOffset, size, cancellationToken).ConfigureAwait(false);
                if (diskType == F.DiskTypeDifferencing)
                {
                    throw new UnsupportedFeatureException(Layer, FooterStructure, footerOffset + F.DiskType,
                        ["differencing disk"], $"parent \"{header.ParentName}\"");
                }

                return (new VhdDynamicBlockDevice(container, size, header), true);
            default:
                throw new UnsupportedFeatureException(Layer, FooterStructure, footerOffset + F.DiskType, [$"disk type {diskType}"]);
        }
    }

    /// <summary>The footer at the end, or (when that one is damaged) the copy at offset 0.</summary>
    private static async Task<(byte[] Footer, long Offset)> ReadFooterAsync(IBlockDevice container, CancellationToken cancellationToken)
    {
        if (container.Length < F.Size)
        {
            throw new DiskFormatException(Layer, FooterStructure, 0, $"the {container.Length}-byte file cannot hold a footer");
        }

        var endOffset = container.Length - F.Size;
        var end = await container.ReadBytesAsync(endOffset, F.Size, Layer, FooterStructure, cancellationToken).ConfigureAwait(false);
        if (IsValidFooter(end))
        {
            return (end, endOffset);
        }

        var copy = await container.ReadBytesAsync(0, F.Size, Layer, FooterStructure, cancellationToken).ConfigureAwait(false);
        if (IsValidFooter(copy))
        {
            return (copy, 0);
        }

        throw new DiskFormatException(Layer, FooterStructure, endOffset, "neither the footer at the end nor its copy at offset 0 has the conectix cookie and a valid checksum");
    }

    private static bool IsValidFooter(ReadOnlySpan<byte> footer) =>
        footer.StartsWith(F.CookieValue) && VhdChecksum.IsValid(footer, F.Checksum);
}

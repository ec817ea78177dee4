using System.Buffers.Binary;
using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.Lvm;

/// <summary>
/// Reads the current metadata text out of one metadata area: the 512-byte header, then the
/// text at the first raw location, which may wrap from the end of the area's circular buffer
/// back to just after the header (lvm2 lib/format_text/format-text.c reads it the same way).
/// </summary>
internal static class MetadataArea
{
    private const string Layer = "lvm";

    /// <summary>Our bound on one copy of the metadata text; real volume groups need a few KiB.</summary>
    public const int MaxTextBytes = 1024 * 1024;

    /// <summary>The text and where it starts on the device; null when this area holds no metadata (ignored or empty).</summary>
    public static async Task<(byte[] Text, long Offset)?> ReadTextAsync(IBlockDevice device, ulong areaOffset, ulong areaSize, CancellationToken ct)
    {
        if (areaOffset > (ulong)device.Length || areaSize > (ulong)device.Length - areaOffset)
        {
            throw new DiskFormatException(Layer, "lvm.pv_header", (long)Math.Min(areaOffset, long.MaxValue),
                $"metadata area of {areaSize} bytes at offset {areaOffset} lies past the end of the {device.Length}-byte device");
        }

        var start = (long)areaOffset;
        var size = (long)areaSize;
        if (size <= MetadataAreaHeaderLayout.Size)
        {
            throw new DiskFormatException(Layer, "lvm.pv_header", start, $"metadata area of {size} bytes has no room after its {MetadataAreaHeaderLayout.Size}-byte header");
        }

        var header = await device.ReadBytesAsync(start, MetadataAreaHeaderLayout.Size, Layer, "lvm.mda_header", ct).ConfigureAwait(false);
        CheckHeader(header, start);
        var location = header.AsSpan(MetadataAreaHeaderLayout.RawLocations);
        var textOffset = BinaryPrimitives.ReadUInt64LittleEndian(location[MetadataAreaHeaderLayout.LocationOffset..]);
        var textSize = BinaryPrimitives.ReadUInt64LittleEndian(location[MetadataAreaHeaderLayout.LocationSize..]);
        var checksum = BinaryPrimitives.ReadUInt32LittleEndian(location[MetadataAreaHeaderLayout.LocationChecksum..]);
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(location[MetadataAreaHeaderLayout.LocationFlags..]);
        if ((flags & MetadataAreaHeaderLayout.LocationIgnored) != 0 || textSize == 0)
        {
            return null;
        }

        if (textSize > MaxTextBytes)
        {
            throw new DiskFormatException(Layer, "lvm.raw_locn", start + MetadataAreaHeaderLayout.RawLocations,
                $"metadata text of {textSize} bytes exceeds our {MaxTextBytes}-byte bound");
        }

        if (textOffset < MetadataAreaHeaderLayout.Size || textOffset >= (ulong)size)
        {
            throw new DiskFormatException(Layer, "lvm.raw_locn", start + MetadataAreaHeaderLayout.RawLocations,
                $"metadata text offset {textOffset} is outside the circular buffer [{MetadataAreaHeaderLayout.Size}, {size})");
        }

        // The text runs to the end of the area, then continues right after the header; the
        // wrapped part may not reach back into its own beginning.
        var length = (int)textSize;
        var firstPart = (int)Math.Min(textSize, (ulong)size - textOffset);
        var wrapped = length - firstPart;
        if (wrapped > (long)textOffset - MetadataAreaHeaderLayout.Size)
        {
            throw new DiskFormatException(Layer, "lvm.raw_locn", start + MetadataAreaHeaderLayout.RawLocations,
                $"metadata text of {textSize} bytes at offset {textOffset} wraps over itself in a {size}-byte area");
        }

        var text = new byte[length];
        var textStart = start + (long)textOffset;
        await device.ReadExactlyAsync(textStart, text.AsMemory(0, firstPart), Layer, "lvm.metadata", ct).ConfigureAwait(false);
        await device.ReadExactlyAsync(start + MetadataAreaHeaderLayout.Size, text.AsMemory(firstPart), Layer, "lvm.metadata", ct).ConfigureAwait(false);
        var computed = LvmChecksum.Compute(text);
        if (computed != checksum)
        {
            throw new DiskFormatException(Layer, "lvm.metadata", textStart,
                $"metadata text checksum mismatch (stored 0x{checksum:x8}, computed 0x{computed:x8})");
        }

        return (text, textStart);
    }

    private static void CheckHeader(ReadOnlySpan<byte> header, long start)
    {
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(header[MetadataAreaHeaderLayout.Checksum..]);
        var computed = LvmChecksum.Compute(header[MetadataAreaHeaderLayout.Magic..]);
        string? problem = null;
        if (!header[MetadataAreaHeaderLayout.Magic..].StartsWith(MetadataAreaHeaderLayout.MagicValue))
        {
            problem = "bad magic";
        }
        else if (stored != computed)
        {
            problem = $"checksum mismatch (stored 0x{stored:x8}, computed 0x{computed:x8})";
        }
        else if (BinaryPrimitives.ReadUInt32LittleEndian(header[MetadataAreaHeaderLayout.Version..]) is var version
            && version != MetadataAreaHeaderLayout.SupportedVersion)
        {
            problem = $"version {version} (only {MetadataAreaHeaderLayout.SupportedVersion} is defined)";
        }
        else if (BinaryPrimitives.ReadUInt64LittleEndian(header[MetadataAreaHeaderLayout.Start..]) is var claimed && claimed != (ulong)start)
        {
            problem = $"the header says it starts at {claimed}, but it was found at {start}";
        }

        if (problem is not null)
        {
            throw new DiskFormatException("lvm", "lvm.mda_header", start, problem);
        }
    }
}

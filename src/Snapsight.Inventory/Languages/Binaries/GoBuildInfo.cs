using System.Text;
using Snapsight.Disk;

namespace Snapsight.Inventory.Languages.Binaries;

/// <summary>
/// The build information the Go linker writes into the <c>.go.buildinfo</c> section: a 32-byte
/// header ("\xff Go buildinf:", pointer size, flags) and, from Go 1.18 on (flag 2), the
/// toolchain version and the module information as two strings, each prefixed by its length as
/// an unsigned varint. Go 1.13 to 1.17 wrote the addresses of two string headers there instead.
/// The module text sits between two 16-byte sentinels, stripped here.
/// </summary>
internal sealed record GoBuildInfo(string GoVersion, string ModuleInfo)
{
    public const int HeaderSize = 32;

    /// <summary>Each string at most; a real module text of a large program is tens of KiB.</summary>
    public const int MaxStringBytes = 1 << 20;

    /// <summary>What is read of the section: the header and both strings at their largest, varints included.</summary>
    public const int MaxSectionBytes = HeaderSize + (2 * (MaxStringBytes + 10));

    private const byte FlagInlineStrings = 0x2;
    private const int SentinelSize = 16;

    /// <summary>0xFF then " Go buildinf:", spelt in bytes: a u8 literal would encode the 0xFF as two bytes of UTF-8.</summary>
    public static ReadOnlySpan<byte> Magic => [0xFF, 0x20, 0x47, 0x6F, 0x20, 0x62, 0x75, 0x69, 0x6C, 0x64, 0x69, 0x6E, 0x66, 0x3A];

    /// <summary>
    /// The build information of a Go binary: from the section itself (Go 1.18 and later), or
    /// through the pointers older toolchains wrote there, each string header and string read
    /// from the section that holds its address. Damage throws <see cref="DiskFormatException"/>.
    /// </summary>
    public static async Task<GoBuildInfo> ReadAsync(ElfFile elf, ElfSection section, CancellationToken cancellationToken)
    {
        var bytes = await elf.ReadAsync(section, MaxSectionBytes, cancellationToken).ConfigureAwait(false);
        CheckHeader(bytes);
        return HasInlineStrings(bytes) ? Parse(bytes) : await ReadBehindPointersAsync(elf, bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The Go 1.18+ form, from the section's first bytes alone.</summary>
    public static GoBuildInfo Parse(ReadOnlySpan<byte> section)
    {
        CheckHeader(section);
        if (!HasInlineStrings(section))
        {
            throw Bad(15, "build info of Go before 1.18 points into the rest of the file: read it with ReadAsync");
        }

        var position = HeaderSize;
        var version = ReadString(section, ref position);
        var modules = ReadString(section, ref position);
        return new GoBuildInfo(Encoding.UTF8.GetString(version), Encoding.UTF8.GetString(StripSentinels(modules)));
    }

    private static void CheckHeader(ReadOnlySpan<byte> section)
    {
        if (section.Length < HeaderSize || !section.StartsWith(Magic))
        {
            throw Bad(0, "the section does not start with the Go build-info header");
        }
    }

    private static bool HasInlineStrings(ReadOnlySpan<byte> section) => (section[15] & FlagInlineStrings) != 0;

    /// <summary>
    /// Go 1.13–1.17: at offset 16, the addresses of two string headers (pointer, length), for the
    /// version and the module text, in the byte order byte 15 gives (non-zero: big-endian).
    /// </summary>
    private static async Task<GoBuildInfo> ReadBehindPointersAsync(ElfFile elf, byte[] header, CancellationToken cancellationToken)
    {
        var pointerSize = header[14];
        if (pointerSize is not (4 or 8))
        {
            throw Bad(14, $"pointer size {pointerSize} is neither 4 nor 8");
        }

        var order = new ElfByteOrder(pointerSize == 8, header[15] != 0);
        var version = await ReadStringAtAsync(elf, order, order.Word(header, 16), cancellationToken).ConfigureAwait(false);
        var modules = await ReadStringAtAsync(elf, order, order.Word(header, 16 + pointerSize), cancellationToken).ConfigureAwait(false);
        return new GoBuildInfo(Encoding.UTF8.GetString(version), Encoding.UTF8.GetString(StripSentinels(modules)));
    }

    private static async Task<byte[]> ReadStringAtAsync(ElfFile elf, ElfByteOrder order, ulong headerAddress, CancellationToken cancellationToken)
    {
        var stringHeader = await elf.ReadAtAddressAsync(headerAddress, 2 * order.PointerSize, cancellationToken).ConfigureAwait(false);
        var length = order.Word(stringHeader, order.PointerSize);
        if (length > MaxStringBytes)
        {
            throw Bad(16, $"a string of {length} bytes is over the {MaxStringBytes}-byte bound");
        }

        return await elf.ReadAtAddressAsync(order.Word(stringHeader, 0), (int)length, cancellationToken).ConfigureAwait(false);
    }

    private static ReadOnlySpan<byte> ReadString(ReadOnlySpan<byte> section, ref int position)
    {
        var start = position;
        ulong length = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (position >= section.Length)
            {
                throw Bad(start, "a string length (varint) runs past the section");
            }

            var b = section[position++];
            if (shift == 63 && b > 1)
            {
                throw Bad(start, "a string length (varint) is over 64 bits");
            }

            length |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }
        }

        if (length > MaxStringBytes)
        {
            throw Bad(start, $"a string of {length} bytes is over the {MaxStringBytes}-byte bound");
        }

        if ((int)length > section.Length - position)
        {
            throw Bad(start, $"a string of {length} bytes runs past the {section.Length} bytes of the section");
        }

        var text = section.Slice(position, (int)length);
        position += (int)length;
        return text;
    }

    /// <summary>
    /// The module text comes wrapped in two 16-byte sentinels and ends in a newline just before
    /// the second; without that shape (a binary built outside module mode) there is no module
    /// information, as Go itself decides. Done on bytes: the sentinels are not UTF-8.
    /// </summary>
    private static ReadOnlySpan<byte> StripSentinels(ReadOnlySpan<byte> text) =>
        text.Length >= (2 * SentinelSize) + 1 && text[^(SentinelSize + 1)] == (byte)'\n' ? text[SentinelSize..^SentinelSize] : [];

    private static DiskFormatException Bad(long offset, string problem) => new("go", "go.buildinfo", offset, problem);
}

using System.Text;
using Snapsight.Disk;

namespace Snapsight.Inventory.Languages.Binaries;

/// <summary>
/// The build information the Go linker writes into the <c>.go.buildinfo</c> section: a 32-byte
/// header ("\xff Go buildinf:", pointer size, flags) and, from Go 1.18 on (flag 2), the
/// toolchain version and the module information as two strings, each prefixed by its length as
/// an unsigned varint. The module text sits between two 16-byte sentinels, stripped here.
/// Older toolchains stored pointers to string headers instead; that form is refused by name.
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

    /// <summary>Reads the section's first bytes; throws <see cref="DiskFormatException"/> when they are not Go 1.18+ build info.</summary>
    public static GoBuildInfo Parse(ReadOnlySpan<byte> section)
    {
        if (section.Length < HeaderSize || !section.StartsWith(Magic))
        {
            throw Bad(0, "the section does not start with the Go build-info header");
        }

        if ((section[15] & FlagInlineStrings) == 0)
        {
            throw Bad(15, "Go before 1.18 (build info behind pointers) is not read");
        }

        var position = HeaderSize;
        var version = ReadString(section, ref position);
        var modules = ReadString(section, ref position);
        return new GoBuildInfo(Encoding.UTF8.GetString(version), Encoding.UTF8.GetString(StripSentinels(modules)));
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
    /// The module text comes wrapped in two 16-byte sentinels, the first ending before a newline;
    /// without them (a binary built outside module mode) there is no module information, as Go
    /// itself decides. Done on bytes: the sentinels are not UTF-8.
    /// </summary>
    private static ReadOnlySpan<byte> StripSentinels(ReadOnlySpan<byte> text) =>
        text.Length >= (2 * SentinelSize) + 1 && text[^(SentinelSize + 1)] == (byte)'\n' ? text[SentinelSize..^SentinelSize] : [];

    private static DiskFormatException Bad(long offset, string problem) => new("go", "go.buildinfo", offset, problem);
}

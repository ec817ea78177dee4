using System.Globalization;
using System.Text;

namespace Snapsight.Inventory.Languages.Gems;

/// <summary>The backslash escapes of a double-quoted Ruby string, as String#dump writes them and people type them.</summary>
internal static class RubyEscape
{
    /// <summary>
    /// Decodes the escape whose text (after the backslash) starts <paramref name="escape"/> into
    /// <paramref name="output"/>; returns the bytes of <paramref name="escape"/> used, or 0 for an
    /// escape not read (control and meta escapes, malformed hex or code points).
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> escape, Span<byte> output, out int written)
    {
        written = 1;
        switch (escape[0])
        {
            case (byte)'n': output[0] = (byte)'\n'; return 1;
            case (byte)'t': output[0] = (byte)'\t'; return 1;
            case (byte)'r': output[0] = (byte)'\r'; return 1;
            case (byte)'f': output[0] = 0x0C; return 1;
            case (byte)'v': output[0] = 0x0B; return 1;
            case (byte)'b': output[0] = 0x08; return 1;
            case (byte)'a': output[0] = 0x07; return 1;
            case (byte)'e': output[0] = 0x1B; return 1;
            case (byte)'s': output[0] = (byte)' '; return 1;
            case (byte)'x': return DecodeNumber(escape, 1, 2, 16, output, out written);
            case >= (byte)'0' and <= (byte)'7': return DecodeNumber(escape, 0, 3, 8, output, out written);
            case (byte)'u': return DecodeUnicode(escape, output, out written);
            case (byte)'c' or (byte)'C' or (byte)'M':
                written = 0;
                return 0;
            default:
                // \" \\ \# and any other character stand for themselves.
                output[0] = escape[0];
                return 1;
        }
    }

    /// <summary>\xHH (one or two hex digits) or \OOO (one to three octal digits): one byte.</summary>
    private static int DecodeNumber(ReadOnlySpan<byte> escape, int start, int maxDigits, int radix, Span<byte> output, out int written)
    {
        int value = 0, end = start;
        while (end < escape.Length && end - start < maxDigits && DigitValue(escape[end], radix) is >= 0 and var digit)
        {
            value = (value * radix) + digit;
            end++;
        }

        written = end == start ? 0 : 1;
        output[0] = (byte)value;
        return end == start ? 0 : end;
    }

    /// <summary>\uHHHH, or \u{H…} with one or more code points separated by spaces: UTF-8.</summary>
    private static int DecodeUnicode(ReadOnlySpan<byte> escape, Span<byte> output, out int written)
    {
        written = 0;
        if (escape.Length >= 5 && escape[1] != (byte)'{')
        {
            return TryHex(escape[1..5], out var codePoint) && TryAppend(codePoint, output, ref written) ? 5 : 0;
        }

        var close = escape.IndexOf((byte)'}');
        if (escape.Length < 2 || escape[1] != (byte)'{' || close < 0)
        {
            return 0;
        }

        foreach (var range in escape[2..close].Split((byte)' '))
        {
            var digits = escape[2..close][range];
            if (digits.IsEmpty)
            {
                continue;
            }

            if (digits.Length > 6 || !TryHex(digits, out var codePoint) || !TryAppend(codePoint, output, ref written))
            {
                written = 0;
                return 0;
            }
        }

        return close + 1;
    }

    private static bool TryHex(ReadOnlySpan<byte> digits, out int value) =>
        int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);

    private static bool TryAppend(int codePoint, Span<byte> output, ref int written)
    {
        if (!Rune.TryCreate(codePoint, out var rune) || !rune.TryEncodeToUtf8(output[written..], out var count))
        {
            return false;
        }

        written += count;
        return true;
    }

    private static int DigitValue(byte b, int radix)
    {
        var value = b switch
        {
            >= (byte)'0' and <= (byte)'9' => b - '0',
            >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
            >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
            _ => -1,
        };
        return value < radix ? value : -1;
    }
}

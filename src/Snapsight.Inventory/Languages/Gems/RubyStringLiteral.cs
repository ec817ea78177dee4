using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace Snapsight.Inventory.Languages.Gems;

/// <summary>
/// Reads one Ruby string literal without evaluating Ruby: "…" with the escapes String#dump
/// writes (RubyGems' to_ruby uses it), '…', and %q{…} as RubyGems 1.x wrote, each optionally
/// followed by ".freeze". Interpolation cannot be read without running Ruby, so it is refused.
/// </summary>
internal static class RubyStringLiteral
{
    /// <summary>
    /// Reads the literal at the start of <paramref name="text"/> and advances past it; on failure
    /// <paramref name="problem"/> says why and <paramref name="text"/> is unchanged.
    /// </summary>
    public static bool TryRead(ref ReadOnlySpan<byte> text, [NotNullWhen(true)] out string? value, out string problem)
    {
        value = null;
        // Escapes only shrink the text, so the decoded bytes fit in its length.
        var decoded = ArrayPool<byte>.Shared.Rent(text.Length);
        try
        {
            return TryRead(ref text, decoded, out value, out problem);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(decoded);
        }
    }

    private static bool TryRead(ref ReadOnlySpan<byte> text, byte[] decoded, [NotNullWhen(true)] out string? value, out string problem)
    {
        value = null;
        int length, end;
        if (text.StartsWith("\""u8))
        {
            (length, end, problem) = ReadDoubleQuoted(text, decoded);
        }
        else if (text.StartsWith("'"u8))
        {
            (length, end, problem) = ReadRaw(text, 1, (byte)'\'', (byte)'\'', decoded);
        }
        else if (text.StartsWith("%q"u8) && text.Length > 2)
        {
            var open = text[2];
            var close = open switch { (byte)'{' => (byte)'}', (byte)'(' => (byte)')', (byte)'[' => (byte)']', (byte)'<' => (byte)'>', _ => open };
            (length, end, problem) = char.IsAsciiLetterOrDigit((char)open) || open is (byte)' ' or >= 0x80
                ? (0, -1, "a %q literal with a letter, digit or space as delimiter")
                : ReadRaw(text, 3, open, close, decoded);
        }
        else
        {
            problem = "not a string literal";
            return false;
        }

        if (end < 0)
        {
            return false;
        }

        if (!Utf8.IsValid(decoded.AsSpan(0, length)))
        {
            problem = "a string that is not valid UTF-8";
            return false;
        }

        value = Encoding.UTF8.GetString(decoded, 0, length);
        text = text[(end + 1)..];
        if (text.StartsWith(".freeze"u8))
        {
            text = text[".freeze".Length..];
        }

        return true;
    }

    /// <summary>Single quotes and %q: only a backslash before a backslash or a delimiter escapes; bracket delimiters nest.</summary>
    private static (int Length, int End, string Problem) ReadRaw(ReadOnlySpan<byte> text, int start, byte open, byte close, byte[] decoded)
    {
        int length = 0, depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            var b = text[i];
            if (b == (byte)'\\' && i + 1 < text.Length && (text[i + 1] == (byte)'\\' || text[i + 1] == open || text[i + 1] == close))
            {
                decoded[length++] = text[++i];
            }
            else if (b == close && depth == 0)
            {
                return (length, i, "");
            }
            else
            {
                depth += open == close ? 0 : b == open ? 1 : b == close ? -1 : 0;
                decoded[length++] = b;
            }
        }

        return (0, -1, "an unterminated string");
    }

    private static (int Length, int End, string Problem) ReadDoubleQuoted(ReadOnlySpan<byte> text, byte[] decoded)
    {
        var length = 0;
        for (var i = 1; i < text.Length; i++)
        {
            var b = text[i];
            if (b == (byte)'"')
            {
                return (length, i, "");
            }

            if (b == (byte)'#' && i + 1 < text.Length && text[i + 1] is (byte)'{' or (byte)'$' or (byte)'@')
            {
                return (0, -1, "a string with interpolation, which only Ruby can evaluate");
            }

            if (b != (byte)'\\')
            {
                decoded[length++] = b;
                continue;
            }

            if (++i == text.Length)
            {
                break;
            }

            var consumed = RubyEscape.Decode(text[i..], decoded.AsSpan(length), out var written);
            if (consumed == 0)
            {
                return (0, -1, $"an escape \\{(char)text[i]} that is not read");
            }

            length += written;
            i += consumed - 1;
        }

        return (0, -1, "an unterminated string");
    }
}

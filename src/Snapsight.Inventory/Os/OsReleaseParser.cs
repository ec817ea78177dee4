using System.Text;

namespace Snapsight.Inventory.Os;

/// <summary>
/// What an os-release-style file assigns: the last value of each variable, and how many lines
/// were neither assignments, blank nor comments (a hint that the file is not what its name says).
/// </summary>
internal sealed record OsReleaseFields(IReadOnlyDictionary<string, string> Values, int IgnoredLines)
{
    /// <summary>The value of <paramref name="key"/>, or null when it is absent or empty.</summary>
    public string? Get(string key) => Values.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
}

/// <summary>
/// Parses the environment-like format of os-release(5), also used by /etc/lsb-release:
/// <c>KEY=value</c> lines, '#' comments, values unquoted, in single quotes (literal) or in double
/// quotes (where <c>\$ \" \\ \`</c> are escapes, as in the shell). Pure and linear in the text;
/// a line that does not follow the format is counted and skipped, never thrown on.
/// </summary>
internal static class OsReleaseParser
{
    public static OsReleaseFields Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var ignored = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.AsSpan().Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            var equals = line.IndexOf('=');
            if (equals <= 0 || !IsVariableName(line[..equals]) || ParseValue(line[(equals + 1)..]) is not { } value)
            {
                ignored++;
                continue;
            }

            values[line[..equals].ToString()] = value; // later assignments win, as when the shell sources the file
        }

        return new OsReleaseFields(values, ignored);
    }

    /// <summary>A shell variable name: a letter or '_' first, then letters, digits and '_'.</summary>
    private static bool IsVariableName(ReadOnlySpan<char> name)
    {
        if (!char.IsAsciiLetter(name[0]) && name[0] != '_')
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// One value, quoted pieces joined as the shell joins them; null when a quote is left open,
    /// when unquoted text holds a space (the shell would run it as a command), or when it holds a
    /// NUL, which no release file has and no C consumer of the file could see past.
    /// </summary>
    private static string? ParseValue(ReadOnlySpan<char> text)
    {
        if (text.Contains('\0'))
        {
            return null;
        }

        var value = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\'')
            {
                var close = text[(i + 1)..].IndexOf('\'');
                if (close < 0)
                {
                    return null;
                }

                value.Append(text.Slice(i + 1, close));
                i += close + 2;
            }
            else if (c == '"')
            {
                if (ReadDoubleQuoted(text, i + 1, value) is not { } next)
                {
                    return null;
                }

                i = next;
            }
            else if (c == '\\' && i + 1 < text.Length)
            {
                value.Append(text[i + 1]);
                i += 2;
            }
            else if (char.IsWhiteSpace(c))
            {
                return null;
            }
            else
            {
                value.Append(c);
                i++;
            }
        }

        return value.ToString();
    }

    /// <summary>Appends a double-quoted piece starting after its quote; returns the index after the closing quote, or null when there is none.</summary>
    private static int? ReadDoubleQuoted(ReadOnlySpan<char> text, int start, StringBuilder value)
    {
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                return i + 1;
            }

            // Inside double quotes only these four characters are escaped; any other backslash is literal.
            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '$' or '"' or '\\' or '`')
            {
                value.Append(text[++i]);
            }
            else
            {
                value.Append(c);
            }
        }

        return null;
    }
}

namespace Snapsight.Disk.FileSystems;

/// <summary>One line of /etc/fstab: what to mount (UUID=…, LABEL=…, PARTUUID=…, /dev/…), where, as what, how.</summary>
public sealed record FstabEntry(string Spec, string MountPoint, string Type, string Options);

/// <summary>
/// Reads /etc/fstab as fstab(5) describes it: whitespace-separated fields, '#' comment lines,
/// octal escapes such as \040 for a space. The text comes from the image, so it is bounded:
/// lines over 4 KiB are skipped and at most 10,000 entries are returned.
/// </summary>
public static class Fstab
{
    public const int MaxLineLength = 4096;
    public const int MaxEntries = 10_000;

    public static IReadOnlyList<FstabEntry> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<FstabEntry>();
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            if (rawLine.Length > MaxLineLength)
            {
                continue;
            }

            var line = rawLine.Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            var fields = line.ToString().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);

            // The type is the last field mount(8) cannot do without; options default to "defaults".
            if (fields.Length < 3)
            {
                continue;
            }

            entries.Add(new FstabEntry(
                Unescape(fields[0]), Unescape(fields[1]), Unescape(fields[2]), fields.Length > 3 ? Unescape(fields[3]) : "defaults"));
            if (entries.Count == MaxEntries)
            {
                break;
            }
        }

        return entries;
    }

    /// <summary>A backslash and three octal digits stand for one character (\040 space, \011 tab, \134 backslash).</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var result = new System.Text.StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field[i + 1]) && IsOctal(field[i + 2]) && IsOctal(field[i + 3]))
            {
                result.Append((char)(((field[i + 1] - '0') * 64) + ((field[i + 2] - '0') * 8) + (field[i + 3] - '0')));
                i += 3;
            }
            else
            {
                result.Append(field[i]);
            }
        }

        return result.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}

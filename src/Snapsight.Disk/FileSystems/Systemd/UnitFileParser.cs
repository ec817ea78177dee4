namespace Snapsight.Disk.FileSystems.Systemd;

/// <summary>
/// Reads a systemd unit file or drop-in (systemd.syntax(7)): "[Section]" headers, "Key=Value"
/// assignments, '#' and ';' comments, a trailing backslash joining the next line. Pure: text in,
/// assignments out, in file order; bounded in line length, joined length and assignments. Used by
/// the tree assembly (mount units) and by compliance's systemd probes.
/// </summary>
public static class UnitFileParser
{
    public const int MaxLineLength = 64 * 1024;
    public const int MaxAssignments = 10_000;

    public static IReadOnlyList<UnitAssignment> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var assignments = new List<UnitAssignment>();
        var section = "";
        var pending = new System.Text.StringBuilder();
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            if (raw.Length > MaxLineLength || pending.Length + raw.Length > MaxLineLength)
            {
                throw Bad($"a line is longer than {MaxLineLength} characters");
            }

            var line = raw.Trim();
            if (pending.Length == 0 && (line.IsEmpty || line[0] is '#' or ';'))
            {
                continue;
            }

            if (line.EndsWith("\\"))
            {
                pending.Append(line[..^1]).Append(' ');
                continue;
            }

            pending.Append(line);
            var whole = pending.ToString();
            pending.Clear();
            if (whole.StartsWith('[') && whole.EndsWith(']'))
            {
                section = whole[1..^1];
                continue;
            }

            var equals = whole.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || section.Length == 0)
            {
                continue; // systemd warns and ignores such a line
            }

            if (assignments.Count == MaxAssignments)
            {
                throw Bad($"more than {MaxAssignments} assignments");
            }

            assignments.Add(new UnitAssignment(section, whole[..equals].TrimEnd(), whole[(equals + 1)..].TrimStart()));
        }

        return assignments;
    }

    private static DiskFormatException Bad(string problem) => new("systemd", "unit file", 0, problem);
}

/// <summary>One "Key=Value" line of a unit file, with the section it is in.</summary>
public sealed record UnitAssignment(string Section, string Key, string Value);

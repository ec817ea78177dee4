using Snapsight.Disk.FileSystems;
using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Languages.Gems;

/// <summary>
/// Reads the name, version and licences of an installed gem's specification, the Ruby file
/// RubyGems writes with Gem::Specification#to_ruby (one "s.attribute = literal" per line),
/// without evaluating Ruby: only those assignments are read, and only when their value is a
/// literal. A specification without a readable name or version lists no package.
/// </summary>
public static class GemspecParser
{
    /// <summary>Licences one specification may list; RubyGems itself warns past a handful.</summary>
    public const int MaxLicences = 64;

    public static PackageDatabaseParseResult Parse(ReadOnlySpan<byte> gemspec, string location) =>
        Parse(gemspec, location, PackageDatabaseLimits.Default);

    internal static PackageDatabaseParseResult Parse(ReadOnlySpan<byte> gemspec, string location, PackageDatabaseLimits limits)
    {
        var problems = new ParseProblems(location, limits.MaxProblems);
        (string? Value, int Line) name = default, version = default;
        IReadOnlyList<string> licences = [];
        var lines = new DatabaseLines(ByteOrderMark.Skip(gemspec), limits.MaxLineBytes);
        while (lines.MoveNext())
        {
            var line = lines.Current.TrimStart(" \t"u8);
            if (GemspecAssignment.Attribute(ref line) is not { } attribute)
            {
                continue;
            }

            if (lines.CurrentIsTooLong)
            {
                problems.Add(lines.LineNumber, $"the {attribute} assignment is longer than {limits.MaxLineBytes} bytes; not read");
                continue;
            }

            // A later assignment replaces an earlier one, as it would in Ruby.
            switch (attribute)
            {
                case "name" when GemspecAssignment.TryReadString(line, problems, lines.LineNumber, attribute) is { } value:
                    name = (value, lines.LineNumber);
                    break;
                case "version" when GemspecAssignment.TryReadVersion(line, problems, lines.LineNumber) is { } value:
                    version = (value, lines.LineNumber);
                    break;
                case "license" or "licenses" when GemspecAssignment.TryReadLicences(line, problems, lines.LineNumber) is { } value:
                    licences = value;
                    break;
            }
        }

        if (!IsReportable(name, "name", lines.LineNumber, problems) || !IsReportable(version, "version", lines.LineNumber, problems))
        {
            return new PackageDatabaseParseResult([], problems.ToList());
        }

        var package = new InstalledPackage
        {
            Type = "gem",
            Name = name.Value!,
            Version = version.Value!,
            // RubyGems does not say whether a list means any or all of them: kept as listed.
            Licence = licences.Count == 0 ? null : string.Join(", ", licences),
            Location = location,
        };
        return new PackageDatabaseParseResult([package], problems.ToList());
    }

    /// <summary>A name or version the gem can be listed under; <paramref name="lastLine"/> locates a missing one.</summary>
    private static bool IsReportable((string? Value, int Line) assigned, string attribute, int lastLine, ParseProblems problems)
    {
        if (assigned.Value is not { } value)
        {
            problems.Add(lastLine, $"no {attribute} that can be read without running Ruby; the gem is not listed");
            return false;
        }

        if (value.Length == 0 || ManifestText.HasControlCharacters(value))
        {
            problems.Add(assigned.Line, $"the {attribute} '{TreePath.Printable(value, 100)}' is empty or holds control characters; the gem is not listed");
            return false;
        }

        return true;
    }
}

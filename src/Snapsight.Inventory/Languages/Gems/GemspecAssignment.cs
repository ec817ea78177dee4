using System.Text;
using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Languages.Gems;

/// <summary>
/// One line of a gemspec of the form "s.attribute = value": recognised by its first bytes,
/// and its value read when it is a literal in a form RubyGems writes.
/// </summary>
internal static class GemspecAssignment
{
    /// <summary>Longest receiver name accepted ("s" from RubyGems, "spec" or "gem" by hand).</summary>
    private const int MaxReceiverLength = 32;

    /// <summary>
    /// "name", "version", "license" or "licenses" when <paramref name="line"/> assigns one of
    /// them, and then <paramref name="line"/> is advanced to the value; null for any other line.
    /// </summary>
    public static string? Attribute(ref ReadOnlySpan<byte> line)
    {
        var dot = line[..Math.Min(line.Length, MaxReceiverLength + 1)].IndexOf((byte)'.');
        if (dot <= 0 || !IsIdentifier(line[..dot]))
        {
            return null;
        }

        var rest = line[(dot + 1)..];
        var attribute = rest.StartsWith("name"u8) ? "name"
            : rest.StartsWith("version"u8) ? "version"
            : rest.StartsWith("licenses"u8) ? "licenses"
            : rest.StartsWith("license"u8) ? "license"
            : null;
        if (attribute is null)
        {
            return null;
        }

        rest = rest[attribute.Length..].TrimStart(" \t"u8);
        // "=" but not "==" or "=~": a comparison is not an assignment.
        if (!rest.StartsWith("="u8) || rest[1..].StartsWith("="u8) || rest[1..].StartsWith("~"u8))
        {
            return null;
        }

        line = rest[1..].TrimStart(" \t"u8);
        return attribute;
    }

    public static string? TryReadString(ReadOnlySpan<byte> value, ParseProblems problems, int lineNumber, string attribute)
    {
        if (!RubyStringLiteral.TryRead(ref value, out var text, out var problem) || !EndsStatement(value, ref problem))
        {
            problems.Add(lineNumber, $"the {attribute} is {problem}; not read");
            return null;
        }

        return text;
    }

    /// <summary>A version string, or Gem::Version.new(string), as Gem::Version prints it.</summary>
    public static string? TryReadVersion(ReadOnlySpan<byte> value, ParseProblems problems, int lineNumber)
    {
        var wrapped = value.StartsWith("Gem::Version.new("u8);
        var inner = wrapped ? value["Gem::Version.new(".Length..] : value;
        if (!RubyStringLiteral.TryRead(ref inner, out var text, out var problem) || (wrapped && !TryClose(ref inner, ref problem)) || !EndsStatement(inner, ref problem))
        {
            problems.Add(lineNumber, $"the version is {problem}; not read");
            return null;
        }

        if (GemVersion.Normalize(text) is not { } version)
        {
            problems.Add(lineNumber, $"the version '{Snapsight.Disk.FileSystems.TreePath.Printable(text, 100)}' is not one RubyGems accepts; not read");
            return null;
        }

        return version;
    }

    /// <summary>["A".freeze, "B".freeze], or a single string (RubyGems wraps it in an array).</summary>
    public static IReadOnlyList<string>? TryReadLicences(ReadOnlySpan<byte> value, ParseProblems problems, int lineNumber)
    {
        var licences = new List<string>();
        var problem = "";
        var bracketed = value.StartsWith("["u8);
        var rest = bracketed ? value[1..].TrimStart(" \t"u8) : value;
        while (!(bracketed && rest.StartsWith("]"u8)))
        {
            if (licences.Count == GemspecParser.MaxLicences)
            {
                problems.Add(lineNumber, $"more than {GemspecParser.MaxLicences} licences; none read");
                return null;
            }

            if (!RubyStringLiteral.TryRead(ref rest, out var licence, out problem))
            {
                break;
            }

            licences.Add(licence);
            rest = rest.TrimStart(" \t"u8);
            if (!bracketed || !rest.StartsWith(","u8))
            {
                break;
            }

            rest = rest[1..].TrimStart(" \t"u8);
        }

        if (problem.Length > 0 || (bracketed && !TryClose(ref rest, ref problem, (byte)']')) || !EndsStatement(rest, ref problem))
        {
            problems.Add(lineNumber, $"the licences are {problem}; not read");
            return null;
        }

        return licences;
    }

    /// <summary>Only white space or a comment may follow the value: anything else ("+ x", ".strip") would change it.</summary>
    private static bool EndsStatement(ReadOnlySpan<byte> rest, ref string problem)
    {
        rest = rest.TrimStart(" \t"u8);
        if (rest.IsEmpty || rest[0] == (byte)'#')
        {
            return true;
        }

        problem = $"followed by '{Snapsight.Disk.FileSystems.TreePath.Printable(Encoding.UTF8.GetString(rest[..Math.Min(rest.Length, 40)]), 40)}', an expression only Ruby can evaluate";
        return false;
    }

    private static bool TryClose(ref ReadOnlySpan<byte> rest, ref string problem, byte close = (byte)')')
    {
        rest = rest.TrimStart(" \t"u8);
        if (rest.StartsWith([close]))
        {
            rest = rest[1..];
            return true;
        }

        problem = $"missing its closing '{(char)close}'";
        return false;
    }

    private static bool IsIdentifier(ReadOnlySpan<byte> name) =>
        (char.IsAsciiLetterLower((char)name[0]) || name[0] == (byte)'_') && name.IndexOfAnyExcept(IdentifierBytes) < 0;

    private static readonly System.Buffers.SearchValues<byte> IdentifierBytes =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"u8);
}

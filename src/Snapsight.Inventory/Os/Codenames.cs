namespace Snapsight.Inventory.Os;

/// <summary>
/// Where a release's codename comes from when no file states it outright, and Debian's own
/// table of them (https://www.debian.org/releases/), which only changes with a new release.
/// </summary>
internal static class Codenames
{
    private static readonly Dictionary<string, string> DebianByMajor = new(StringComparer.Ordinal)
    {
        ["7"] = "wheezy",
        ["8"] = "jessie",
        ["9"] = "stretch",
        ["10"] = "buster",
        ["11"] = "bullseye",
        ["12"] = "bookworm",
        ["13"] = "trixie",
        ["14"] = "forky",
    };

    /// <summary>The codename of a Debian major release ("12" or "12.15"), or null for one not in the table.</summary>
    public static string? OfDebianRelease(string? release) =>
        release is null ? null : DebianByMajor.GetValueOrDefault(release.Split('.')[0]);

    /// <summary>
    /// The codename in a VERSION's parentheses, as Debian writes it: "12 (bookworm)". Only one
    /// lowercase word counts: other distros put labels there ("7 (Core)", "9.4 (Plow)",
    /// "42 (Container Image)") that no feed uses as a codename.
    /// </summary>
    public static string? FromParentheses(string? label) =>
        label is { Length: > 0 } && label.All(char.IsAsciiLetterLower) ? label : null;

    /// <summary>The parenthesised part of an os-release VERSION ("9 (stretch)" → "stretch"), if it is a codename.</summary>
    public static string? FromVersion(string? version)
    {
        if (version is null)
        {
            return null;
        }

        var open = version.LastIndexOf('(');
        var close = version.LastIndexOf(')');
        return open >= 0 && close > open ? FromParentheses(version[(open + 1)..close]) : null;
    }
}

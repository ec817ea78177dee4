using System.Text.RegularExpressions;

namespace Snapsight.Inventory.Os;

/// <summary>
/// The one-line release files of the Red Hat lineage: /etc/redhat-release, /etc/system-release
/// and the distro-specific /etc/centos-release, rocky-release, almalinux-release, oracle-release
/// and fedora-release, all "NAME release VERSION (CODENAME)", e.g.
/// "CentOS Linux release 7.6.1810 (Core)" or "Amazon Linux AMI release 2018.03".
/// Pure; null when the text is not such a line or names no family we know.
/// </summary>
internal static partial class RedHatReleaseParser
{
    public static ReleaseClaim? Parse(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var firstLine = text.Split('\n', 2)[0].Trim();
        var match = ReleaseLine().Match(firstLine);
        if (!match.Success || FamilyOf(match.Groups["name"].Value) is not { } family)
        {
            return null;
        }

        var name = match.Groups["name"].Value;
        var release = match.Groups["release"].Value;
        var label = match.Groups["label"].Success ? match.Groups["label"].Value : null;
        var versionId = VersionIdOf(family, release);
        return new ReleaseClaim(
            path,
            family,
            name,
            label is null ? release : $"{release} ({label})",
            versionId,
            Codenames.FromParentheses(label),
            OsLineage.RedHat,
            release);
    }

    /// <summary>
    /// The family from the product name. "Red Hat Linux" (before RHEL) and every RHEL edition
    /// ("Red Hat Enterprise Linux Server") are "rhel"; CentOS Stream is still "centos", told apart by its name.
    /// </summary>
    private static string? FamilyOf(string name) => name switch
    {
        _ when name.StartsWith("Red Hat", StringComparison.Ordinal) => "rhel",
        _ when name.StartsWith("CentOS", StringComparison.Ordinal) => "centos",
        _ when name.StartsWith("Rocky", StringComparison.Ordinal) => "rocky",
        _ when name.StartsWith("AlmaLinux", StringComparison.Ordinal) => "almalinux",
        _ when name.StartsWith("Oracle Linux", StringComparison.Ordinal) => "ol",
        _ when name.StartsWith("Fedora", StringComparison.Ordinal) => "fedora",
        _ when name.StartsWith("Amazon Linux", StringComparison.Ordinal) => "amzn",
        _ => null,
    };

    /// <summary>
    /// The VERSION_ID os-release would give, so answers agree whichever file decided: CentOS
    /// gives only the major ("7" for 7.6.1810), Amazon Linux 2023 only the year ("2023" for
    /// 2023.4.20240401); Amazon Linux 1 ("2018.03") and the rest give the release as written.
    /// </summary>
    private static string VersionIdOf(string family, string release)
    {
        var parts = release.Split('.');
        return family switch
        {
            "centos" => parts[0],
            "amzn" when parts.Length > 2 => parts[0],
            _ => release,
        };
    }

    [GeneratedRegex(@"^(?<name>\S.*?) release (?<release>[0-9][0-9A-Za-z.]*)(?: \((?<label>[^)]*)\))?", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ReleaseLine();
}

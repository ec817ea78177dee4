namespace Snapsight.Inventory.Os;

/// <summary>
/// The release files of CBL-Mariner and Azure Linux, as their release packages write them:
/// /etc/mariner-release ("CBL-Mariner 2.0.20230607", or on Azure Linux 3.0 "Azure Linux
/// 3.0.20240727", then a MARINER_BUILD_NUMBER line) and /etc/azurelinux-release ("Azure Linux
/// 3.0", then AZURELINUX_BUILD_NUMBER=3.0.20240727). Family, version and version id come out
/// as their os-release says them: "mariner" or "azurelinux", VERSION the dated release,
/// VERSION_ID its major.minor. Pure; null when the first line is not such a product and release.
/// </summary>
internal static class MarinerReleaseParser
{
    private static readonly (string Prefix, string Family)[] Products =
    [
        ("CBL-Mariner ", "mariner"),
        ("Microsoft Azure Linux ", "azurelinux"),
        ("Azure Linux ", "azurelinux"),
    ];

    public static ReleaseClaim? Parse(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n', 3);
        var first = lines[0].Trim();
        foreach (var (prefix, family) in Products)
        {
            if (!first.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var release = first[prefix.Length..].Trim();
            if (VersionIdOf(release) is not { } versionId)
            {
                return null;
            }

            // The build number line refines a bare "3.0" to the dated release; a build number that is not one (a commit) is ignored.
            var build = lines.Length > 1 ? BuildNumber(lines[1]) : null;
            var exact = build is not null && build.StartsWith(release + ".", StringComparison.Ordinal) ? build : release;
            return new ReleaseClaim(path, family, prefix.Trim(), exact, versionId, null, OsLineage.Mariner, exact);
        }

        return null;
    }

    /// <summary>
    /// The VERSION_ID of a release as the release package derives it for os-release: the first
    /// "digits.digits" of it ("2.0" of "2.0.20230607"); null when the text is not a version.
    /// </summary>
    public static string? VersionIdOf(string release)
    {
        var parts = release.Split('.');
        return parts.Length >= 2 && release.Length <= 64 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit))
            ? $"{parts[0]}.{parts[1]}"
            : null;
    }

    private static string? BuildNumber(string line)
    {
        var equals = line.IndexOf('=', StringComparison.Ordinal);
        var key = equals > 0 ? line[..equals].Trim() : "";
        return key is "MARINER_BUILD_NUMBER" or "AZURELINUX_BUILD_NUMBER" ? line[(equals + 1)..].Trim().Trim('"') : null;
    }
}

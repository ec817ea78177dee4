namespace Snapsight.Inventory.Os;

/// <summary>
/// The SUSE files that predate or accompany os-release. /etc/SuSE-release (SLES 11–12, openSUSE
/// before Leap 15): a product line, then "VERSION = 12" and "PATCHLEVEL = 3". /etc/SUSE-brand:
/// "SLE" or "openSUSE", then "VERSION = 15". Neither file tells Leap from older openSUSE, so
/// openSUSE is "opensuse" (the ID of 42.x) here; os-release, when present, says which.
/// Pure; null when no product or version is found.
/// </summary>
internal static class SuseReleaseParser
{
    public static ReleaseClaim? Parse(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        var product = lines[0].Trim();
        var version = ValueOf(lines, "VERSION");
        if (product.Length == 0 || version is null)
        {
            return null;
        }

        var patchLevel = ValueOf(lines, "PATCHLEVEL");
        var isOpenSuse = product.StartsWith("openSUSE", StringComparison.OrdinalIgnoreCase);
        var versionId = patchLevel is null or "0" ? version : $"{version}.{patchLevel}";

        // SLES writes "15-SP3" in VERSION and "15.3" in VERSION_ID; do the same so answers agree.
        var displayVersion = isOpenSuse || patchLevel is null or "0" ? version : $"{version}-SP{patchLevel}";
        return new ReleaseClaim(
            path,
            isOpenSuse ? "opensuse" : "sles",
            ProductName(product, version),
            displayVersion,
            versionId,
            null,
            OsLineage.Suse);
    }

    /// <summary>The value of a "KEY = value" line, or null.</summary>
    private static string? ValueOf(string[] lines, string key)
    {
        foreach (var line in lines.Skip(1))
        {
            var equals = line.IndexOf('=');
            if (equals > 0 && line[..equals].Trim() == key)
            {
                var value = line[(equals + 1)..].Trim();
                return value.Length > 0 ? value : null;
            }
        }

        return null;
    }

    /// <summary>"SUSE Linux Enterprise Server 12 (x86_64)" names the product "SUSE Linux Enterprise Server": neither architecture nor version is part of it.</summary>
    private static string ProductName(string product, string version)
    {
        var open = product.LastIndexOf(" (", StringComparison.Ordinal);
        var name = open > 0 && product.EndsWith(')') ? product[..open] : product;
        return name.EndsWith(" " + version, StringComparison.Ordinal) ? name[..^(version.Length + 1)] : name;
    }
}

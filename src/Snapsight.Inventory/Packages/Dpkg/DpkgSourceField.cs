namespace Snapsight.Inventory.Packages.Dpkg;

/// <summary>dpkg's Source field and its defaults, as dpkg-query's ${source:Package} and ${source:Version} print them.</summary>
internal static class DpkgSourceField
{
    /// <summary>
    /// Splits "Source: name (version)" as dpkg does; a Source without a version has the
    /// binary package's, and a package without Source is its own source.
    /// </summary>
    public static (string Name, string Version) Read(string? source, string package, string version)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            return (package, version);
        }

        var open = source.IndexOf('(');
        if (open < 0)
        {
            return (source.Trim(), version);
        }

        var name = source[..open].Trim();
        var inside = source[(open + 1)..];
        var close = inside.IndexOf(')');
        var sourceVersion = (close < 0 ? inside : inside[..close]).Trim();
        return (name.Length == 0 ? package : name, sourceVersion.Length == 0 ? version : DpkgVersionText.Normalize(sourceVersion));
    }
}

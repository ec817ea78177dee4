namespace Snapsight.Inventory.Packages.Dpkg;

/// <summary>
/// A version as dpkg-query prints it: dpkg keeps the epoch as a number, so "0:1.2-3" prints as
/// "1.2-3" and "01:1.2" as "1:1.2"; everything else is printed as written.
/// </summary>
internal static class DpkgVersionText
{
    public static string Normalize(string version)
    {
        var colon = version.IndexOf(':');
        if (colon <= 0 || !int.TryParse(version.AsSpan(0, colon), System.Globalization.NumberStyles.None, null, out var epoch))
        {
            return version;
        }

        var rest = version[(colon + 1)..];
        return epoch == 0 ? rest : $"{epoch}:{rest}";
    }

    /// <summary>
    /// Splits "Source: name (version)" as dpkg does; a Source without a version has the
    /// binary package's, and a package without Source is its own source.
    /// </summary>
    public static (string Name, string Version) SourceOf(string? source, string package, string version)
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
        return (name.Length == 0 ? package : name, sourceVersion.Length == 0 ? version : Normalize(sourceVersion));
    }
}

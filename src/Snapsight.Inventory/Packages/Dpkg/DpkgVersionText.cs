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
}

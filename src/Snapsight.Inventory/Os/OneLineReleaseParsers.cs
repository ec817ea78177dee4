namespace Snapsight.Inventory.Os;

/// <summary>
/// Release files whose first line is all there is to read: /etc/alpine-release ("3.18.4") and
/// /etc/photon-release ("VMware Photon OS 4.0", then a build-number line). Pure; null when the
/// line does not hold a version.
/// </summary>
internal static class OneLineReleaseParsers
{
    public static ReleaseClaim? ParseAlpine(string path, string text)
    {
        var release = FirstLine(text);
        return IsVersion(release)
            ? new ReleaseClaim(path, "alpine", "Alpine Linux", release, release, null, OsLineage.Alpine, release)
            : null;
    }

    public static ReleaseClaim? ParsePhoton(string path, string text)
    {
        var line = FirstLine(text);
        var space = line.LastIndexOf(' ');
        var release = space > 0 ? line[(space + 1)..] : "";
        return line.StartsWith("VMware Photon", StringComparison.Ordinal) && IsVersion(release)
            ? new ReleaseClaim(path, "photon", line[..space], release, release, null, OsLineage.Photon, release)
            : null;
    }

    private static string FirstLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split('\n', 2)[0].Trim();
    }

    private static bool IsVersion(string text) =>
        text.Length is > 0 and <= 64 && char.IsAsciiDigit(text[0]) && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}

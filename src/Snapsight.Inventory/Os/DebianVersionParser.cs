namespace Snapsight.Inventory.Os;

/// <summary>
/// /etc/debian_version: the exact point release of a stable Debian ("12.15", "9.8"), or
/// "codename/sid" on testing and unstable ("buster/sid"), where the codename is the release
/// being prepared. Derivatives keep the file (Ubuntu's says which Debian it was cut from),
/// so it is Debian lineage, not proof of Debian itself. Pure; null when the line is neither.
/// </summary>
internal static class DebianVersionParser
{
    public static ReleaseClaim? Parse(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = text.Split('\n', 2)[0].Trim();
        if (line.Length == 0 || line.Length > 64)
        {
            return null;
        }

        if (char.IsAsciiDigit(line[0]) && line.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            var major = line.Split('.')[0];
            return new ReleaseClaim(path, "debian", "Debian GNU/Linux", line, major, Codenames.OfDebianRelease(major), OsLineage.Debian, line);
        }

        var slash = line.IndexOf('/');
        var codename = slash > 0 ? line[..slash] : null;
        return codename is not null && codename.All(char.IsAsciiLetterLower)
            ? new ReleaseClaim(path, "debian", "Debian GNU/Linux", line, null, codename, OsLineage.Debian)
            : null;
    }
}

namespace Snapsight.Advisories.Filtering;

/// <summary>Whether a purl from a VEX document names an installed package's purl: same type, namespace and name; same version when it gives one; qualifiers and subpath ignored.</summary>
internal static class PurlMatch
{
    public static bool Names(string statementPurl, string packagePurl)
    {
        var (want, wantVersion) = Split(statementPurl);
        var (have, haveVersion) = Split(packagePurl);
        return string.Equals(want, have, StringComparison.Ordinal) && (wantVersion is null || string.Equals(Uri.UnescapeDataString(wantVersion), Uri.UnescapeDataString(haveVersion ?? ""), StringComparison.Ordinal));
    }

    /// <summary>"pkg:deb/debian/bash@5.0-4?arch=amd64" → ("pkg:deb/debian/bash", "5.0-4").</summary>
    private static (string Name, string? Version) Split(string purl)
    {
        var end = purl.IndexOfAny(['?', '#']);
        var core = end >= 0 ? purl[..end] : purl;
        var at = core.LastIndexOf('@');
        return at > core.LastIndexOf('/') && at >= 0 ? (core[..at], core[(at + 1)..]) : (core, null);
    }
}

namespace Snapsight.Inventory.Os;

/// <summary>
/// Turns parsed os-release fields into a claim: <c>ID</c> is the family (lowercased, as the
/// specification requires it to be anyway), <c>NAME</c> the name (else PRETTY_NAME, else the
/// ID), and the codename is VERSION_CODENAME, else UBUNTU_CODENAME, else the "(bookworm)" in
/// VERSION, else, for Debian, the table of its major releases. Pure; null without an ID.
/// </summary>
internal static class OsReleaseInterpreter
{
    public static ReleaseClaim? Interpret(string path, OsReleaseFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Get("ID") is not { } id)
        {
            return null;
        }

        var family = id.ToLowerInvariant();
        var version = fields.Get("VERSION");
        var versionId = fields.Get("VERSION_ID");
        var codename = fields.Get("VERSION_CODENAME")
            ?? fields.Get("UBUNTU_CODENAME")
            ?? Codenames.FromVersion(version)
            ?? (family == "debian" ? Codenames.OfDebianRelease(versionId) : null);
        return new ReleaseClaim(
            path,
            family,
            fields.Get("NAME") ?? fields.Get("PRETTY_NAME") ?? id,
            version,
            versionId,
            codename,
            OsLineages.Of(family, fields.Get("ID_LIKE")));
    }
}

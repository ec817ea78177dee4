namespace Snapsight.Inventory.Os;

/// <summary>
/// /etc/lsb-release, which Ubuntu ships beside os-release (and, before 16.04 on some images,
/// instead of it): DISTRIB_ID, DISTRIB_RELEASE, DISTRIB_CODENAME and DISTRIB_DESCRIPTION in
/// os-release syntax. CBL-Mariner and Azure Linux write one too, with the dated release as
/// DISTRIB_RELEASE and their product name as DISTRIB_CODENAME: their claim takes VERSION_ID
/// and no codename, as their os-release has. Pure; null without a DISTRIB_ID.
/// </summary>
internal static class LsbReleaseParser
{
    public static ReleaseClaim? Parse(string path, string text)
    {
        var fields = OsReleaseParser.Parse(text);
        if (fields.Get("DISTRIB_ID") is not { } id)
        {
            return null;
        }

        var family = id.ToLowerInvariant();
        var release = fields.Get("DISTRIB_RELEASE");
        var lineage = OsLineages.Of(family, null);
        if (lineage == OsLineage.Mariner)
        {
            return new ReleaseClaim(path, family, id, release, release is null ? null : MarinerReleaseParser.VersionIdOf(release), null, lineage, release);
        }

        return new ReleaseClaim(
            path,
            family,
            id,
            fields.Get("DISTRIB_DESCRIPTION") is { } description && description.StartsWith(id + " ", StringComparison.Ordinal)
                ? description[(id.Length + 1)..]
                : release,
            release,
            fields.Get("DISTRIB_CODENAME"),
            lineage);
    }
}

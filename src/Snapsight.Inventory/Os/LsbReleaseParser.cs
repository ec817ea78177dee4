namespace Snapsight.Inventory.Os;

/// <summary>
/// /etc/lsb-release, which Ubuntu ships beside os-release (and, before 16.04 on some images,
/// instead of it): DISTRIB_ID, DISTRIB_RELEASE, DISTRIB_CODENAME and DISTRIB_DESCRIPTION in
/// os-release syntax. Pure; null without a DISTRIB_ID.
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
        return new ReleaseClaim(
            path,
            family,
            id,
            fields.Get("DISTRIB_DESCRIPTION") is { } description && description.StartsWith(id + " ", StringComparison.Ordinal)
                ? description[(id.Length + 1)..]
                : release,
            release,
            fields.Get("DISTRIB_CODENAME"),
            OsLineages.Of(family, null));
    }
}

namespace Snapsight.Advisories.Feeds.Alas;

/// <summary>
/// Which Amazon Linux an advisory is for, from its id: "ALAS2023-" is 2023, "ALAS2022-" 2022,
/// any other "ALAS2" prefix 2 (the Extras topics, "ALAS2KERNEL-5.10-", "ALAS2DOCKER-", ship to
/// Amazon Linux 2), "ALAS-" the original Amazon Linux AMI ("1"). The id is used rather than the
/// collection's short name because every update has one and its prefixes are documented.
/// </summary>
public static class AlasReleases
{
    public static string? FromId(string id) =>
        id.StartsWith("ALAS2023", StringComparison.Ordinal) ? "2023"
        : id.StartsWith("ALAS2022", StringComparison.Ordinal) ? "2022"
        : id.StartsWith("ALAS2", StringComparison.Ordinal) ? "2"
        : id.StartsWith("ALAS-", StringComparison.Ordinal) ? "1"
        : null;
}

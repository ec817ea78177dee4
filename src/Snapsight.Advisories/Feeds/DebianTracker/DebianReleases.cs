namespace Snapsight.Advisories.Feeds.DebianTracker;

/// <summary>
/// The tracker names releases by codename; scopes name them by major version (os-release's
/// VERSION_ID). Unstable ("sid") and a testing release without a number yet have no version an
/// installed system reports, so they are left out, as are codenames this table does not know.
/// </summary>
public static class DebianReleases
{
    private static readonly Dictionary<string, string> MajorByCodename = new(StringComparer.Ordinal)
    {
        ["jessie"] = "8",
        ["stretch"] = "9",
        ["buster"] = "10",
        ["bullseye"] = "11",
        ["bookworm"] = "12",
        ["trixie"] = "13",
    };

    /// <summary>The major version of <paramref name="codename"/>, or null when it is not a numbered release we know.</summary>
    public static string? Major(string codename) => MajorByCodename.GetValueOrDefault(codename);
}

namespace Snapsight.Advisories.Versions;

/// <summary>Every version comparer, by ecosystem name.</summary>
public static class VersionComparers
{
    public const string Dpkg = "dpkg";
    public const string Rpm = "rpm";
    public const string Apk = "apk";
    public const string SemVer = "semver";
    public const string Go = "go";
    public const string Pep440 = "pep440";
    public const string Maven = "maven";
    public const string NuGet = "nuget";
    public const string RubyGems = "rubygems";

    public static IReadOnlyList<IVersionComparer> All { get; } =
    [
        DpkgVersionComparer.Instance,
        RpmVersionComparer.Instance,
        ApkVersionComparer.Instance,
        SemVerComparer.Instance,
        GoVersionComparer.Instance,
        Pep440VersionComparer.Instance,
        MavenVersionComparer.Instance,
        NuGetVersionComparer.Instance,
        RubyGemsVersionComparer.Instance,
    ];

    private static readonly Dictionary<string, IVersionComparer> ByName =
        All.ToDictionary(c => c.Ecosystem, StringComparer.OrdinalIgnoreCase);

    /// <summary>The comparer for <paramref name="ecosystem"/>, or null when there is none.</summary>
    public static IVersionComparer? For(string ecosystem) => ByName.GetValueOrDefault(ecosystem);
}

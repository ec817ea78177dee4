namespace Snapsight.Advisories.Update;

/// <summary>
/// Every feed <c>db update</c> fetches, at its documented upstream URL (docs/advisories/update.md
/// says where each was confirmed and when).
/// </summary>
public static class FeedCatalogue
{
    /// <summary>osv.dev's bucket names per ecosystem, keyed by the suffix of our feed name.</summary>
    private static readonly (string Feed, string Bucket)[] OsvEcosystems =
    [
        ("debian", "Debian"), ("ubuntu", "Ubuntu"), ("alpine", "Alpine"), ("almalinux", "AlmaLinux"),
        ("rocky", "Rocky Linux"), ("redhat", "Red Hat"), ("suse", "SUSE"), ("opensuse", "openSUSE"),
        ("azurelinux", "Azure Linux"), ("mariner", "Mariner"),
        ("pypi", "PyPI"), ("npm", "npm"), ("maven", "Maven"), ("go", "Go"), ("cratesio", "crates.io"),
        ("nuget", "NuGet"), ("rubygems", "RubyGems"),
    ];

    /// <summary>Alpine releases whose secdb is fetched: every release images are still commonly built on, not only the supported ones, because a scan matches the exact release.</summary>
    private static readonly string[] AlpineReleases =
        ["3.10", "3.11", "3.12", "3.13", "3.14", "3.15", "3.16", "3.17", "3.18", "3.19", "3.20", "3.21", "3.22", "3.23", "3.24"];

    private static readonly string[] AlpineRepositories = ["main", "community"];

    /// <summary>Amazon Linux core repositories (x86_64; the advisories are the same for every architecture).</summary>
    private static readonly (string Release, string MirrorList)[] AmazonRepositories =
    [
        ("1", "http://repo.us-west-2.amazonaws.com/2018.03/updates/x86_64/mirror.list"),
        ("2", "https://cdn.amazonlinux.com/2/core/latest/x86_64/mirror.list"),
        ("2023", "https://cdn.amazonlinux.com/al2023/core/mirrors/latest/x86_64/mirror.list"),
    ];

    public static Uri NvdApi { get; } = new("https://services.nvd.nist.gov/rest/json/cves/2.0");

    public static IReadOnlyList<FeedSource> All { get; } =
    [
        .. OsvEcosystems.Select(e => Single($"osv-{e.Feed}", "osv", FeedFetch.Direct, $"https://osv-vulnerabilities.storage.googleapis.com/{Uri.EscapeDataString(e.Bucket)}/all.zip", "all.zip")),
        Single("debian-tracker", "debian-tracker", FeedFetch.Direct, "https://security-tracker.debian.org/tracker/data/json", "debian-tracker.json"),
        new FeedSource("alpine-secdb", "alpine-secdb", FeedFetch.Direct, [.. AlpineReleases.SelectMany(AlpineSecdb)]),
        .. AmazonRepositories.Select(r => Single($"alas-{r.Release}", "alas", FeedFetch.YumUpdateInfo, r.MirrorList, "updateinfo.xml.gz")),
        Single("redhat-csaf", "redhat-csaf", FeedFetch.LatestPointer, "https://security.access.redhat.com/data/csaf/v2/vex/archive_latest.txt", "csaf_vex.tar.zst"),
        new FeedSource("nvd", "nvd", FeedFetch.NvdApi, [new FeedFile(NvdApi, "page")]),
        Single("epss", "epss", FeedFetch.Direct, "https://epss.empiricalsecurity.com/epss_scores-current.csv.gz", "epss_scores-current.csv.gz"),
        Single("kev", "kev", FeedFetch.Direct, "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json", "known_exploited_vulnerabilities.json"),
    ];

    /// <summary>
    /// The feeds <c>--only</c> names, in catalogue order. A name is a feed's own name ("osv-debian",
    /// "alas-2023") or a format name that takes every feed of that format ("osv", "alas"). No names: every feed.
    /// </summary>
    public static IReadOnlyList<FeedSource> Select(IReadOnlyCollection<string> names)
    {
        if (names.Count == 0)
        {
            return All;
        }

        var unknown = names.Where(n => !All.Any(f => Matches(f, n))).ToList();
        if (unknown.Count > 0)
        {
            var known = string.Join(", ", All.Select(f => f.Name).Concat(All.Select(f => f.Format)).Distinct());
            throw new ArgumentException($"unknown feed {string.Join(", ", unknown)}; known feeds: {known}", nameof(names));
        }

        return [.. All.Where(f => names.Any(n => Matches(f, n)))];
    }

    private static bool Matches(FeedSource feed, string name) =>
        string.Equals(feed.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(feed.Format, name, StringComparison.OrdinalIgnoreCase);

    private static FeedSource Single(string name, string format, FeedFetch fetch, string url, string localName) =>
        new(name, format, fetch, [new FeedFile(new Uri(url), localName)]);

    private static IEnumerable<FeedFile> AlpineSecdb(string release) =>
        AlpineRepositories.Select(repository => new FeedFile(new Uri($"https://secdb.alpinelinux.org/v{release}/{repository}.json"), $"v{release}-{repository}.json"));
}

using Snapsight.Advisories.Feeds.Osv;
using Snapsight.Advisories.Update;

namespace Snapsight.Advisories.Tests.Update;

/// <summary>The catalogue of upstream feeds and <c>--only</c>'s selection from it.</summary>
public sealed class FeedCatalogueTests
{
    /// <summary>How the ecosystems whose release is not a bare number spell one in OSV records.</summary>
    private static readonly Dictionary<string, string> ReleaseSuffix = new()
    {
        ["Red Hat"] = ":enterprise_linux:9::appstream",
        ["openSUSE"] = ":Leap 15.5",
    };

    [Fact]
    public void Feed_names_are_unique_and_local_names_are_unique_within_a_feed()
    {
        Assert.Equal(FeedCatalogue.All.Count, FeedCatalogue.All.Select(f => f.Name).Distinct().Count());
        Assert.All(FeedCatalogue.All, f => Assert.Equal(f.Files.Count, f.Files.Select(file => file.LocalName).Distinct().Count()));
    }

    [Fact]
    public void Every_OSV_bucket_is_an_ecosystem_the_OSV_mapping_stores()
    {
        var osv = FeedCatalogue.All.Where(f => f.Format == "osv").ToList();

        Assert.Equal(17, osv.Count);
        Assert.All(osv, f =>
        {
            var bucket = Uri.UnescapeDataString(f.Files[0].Url.Segments[1].TrimEnd('/'));
            Assert.NotNull(OsvEcosystems.ToScope(bucket + ReleaseSuffix.GetValueOrDefault(bucket, ":1")));
        });
    }

    [Fact]
    public void Every_upstream_is_https_except_Amazon_Linux_1_which_only_publishes_over_http()
    {
        var plain = FeedCatalogue.All.SelectMany(f => f.Files.Select(file => (f.Name, file.Url))).Where(x => x.Url.Scheme != "https").ToList();

        Assert.Equal([("alas-1", new Uri("http://repo.us-west-2.amazonaws.com/2018.03/updates/x86_64/mirror.list"))], plain);
    }

    [Fact]
    public void Only_takes_feed_names_and_format_names()
    {
        Assert.Equal(["osv-debian", "kev"], FeedCatalogue.Select(["kev", "OSV-Debian"]).Select(f => f.Name));
        Assert.Equal(["alas-1", "alas-2", "alas-2023"], FeedCatalogue.Select(["alas"]).Select(f => f.Name));
        Assert.Same(FeedCatalogue.All, FeedCatalogue.Select([]));
    }

    [Fact]
    public void An_unknown_name_is_refused_with_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => FeedCatalogue.Select(["kev", "oval"]));

        Assert.Contains("oval", error.Message, StringComparison.Ordinal);
        Assert.Contains("osv-debian", error.Message, StringComparison.Ordinal);
    }
}

using Snapsight.Advisories.Update;

namespace Snapsight.Advisories.Tests.Update;

/// <summary>The mirror layout: &lt;mirror&gt;/&lt;upstream host&gt;/&lt;upstream path&gt;, whatever form the mirror is given in.</summary>
public sealed class FeedLocationTests
{
    [Theory]
    [InlineData("/srv/feeds", "https://osv-vulnerabilities.storage.googleapis.com/Rocky%20Linux/all.zip", "/srv/feeds/osv-vulnerabilities.storage.googleapis.com/Rocky Linux/all.zip")]
    [InlineData("/srv/feeds/", "https://secdb.alpinelinux.org/v3.18/main.json", "/srv/feeds/secdb.alpinelinux.org/v3.18/main.json")]
    [InlineData("file:///srv/feeds", "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json", "/srv/feeds/www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json")]
    public void A_directory_mirror_maps_to_a_local_path(string mirror, string upstream, string expected)
    {
        var location = FeedLocation.Parse(mirror);

        Assert.True(location.IsLocal);
        Assert.Equal(expected, location.Map(new Uri(upstream)).LocalPath);
    }

    [Theory]
    [InlineData("http://mirror.internal/feeds", "https://secdb.alpinelinux.org/v3.18/main.json", "http://mirror.internal/feeds/secdb.alpinelinux.org/v3.18/main.json")]
    [InlineData("https://mirror.internal/", "https://security-tracker.debian.org/tracker/data/json", "https://mirror.internal/security-tracker.debian.org/tracker/data/json")]
    public void An_http_mirror_keeps_the_upstream_path_under_the_host(string mirror, string upstream, string expected)
    {
        var location = FeedLocation.Parse(mirror);

        Assert.False(location.IsLocal);
        Assert.Equal(expected, location.Map(new Uri(upstream)).AbsoluteUri);
    }

    [Fact]
    public void A_relative_directory_is_taken_from_the_current_one()
    {
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "mirror") + "/", FeedLocation.Parse("mirror").Root.LocalPath);
    }

    [Fact]
    public void Other_schemes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => FeedLocation.Parse("ftp://mirror.internal/feeds"));
    }
}

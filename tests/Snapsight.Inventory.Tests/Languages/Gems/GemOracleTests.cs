using Snapsight.Inventory.Languages.Gems;

namespace Snapsight.Inventory.Tests.Languages.Gems;

/// <summary>
/// Installed gems from Debian's ruby-* packages, this host's Ruby (default and bundled gems)
/// and gemspecs in older and hand-written styles, against RubyGems' own
/// Gem::Specification.load of each file.
/// </summary>
public sealed class GemOracleTests
{
    [Fact]
    public async Task Every_installed_gem_equals_what_RubyGems_loads_from_its_specification()
    {
        var expected = GemDotNetFixtures.OracleRows("gem-oracle.tsv");

        var output = await LanguageWalk.RunOnHostAsync(GemDotNetFixtures.Path("root"), new GemCataloguer());

        Assert.Empty(output.Gaps);
        Assert.True(expected.Count > 80, $"RubyGems listed only {expected.Count} gems");
        var ours = output.Packages.Select(p => $"{p.Location}\t{p.Name}\t{p.Version}\t{p.Licence}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, ours);
        Assert.All(output.Packages, p => Assert.Equal("gem", p.Type));
    }

    [Fact]
    public async Task The_walk_finds_Debian_default_and_multiarch_specifications_but_not_a_gems_own_source_gemspec()
    {
        var output = await LanguageWalk.RunOnHostAsync(GemDotNetFixtures.Path("root"), new GemCataloguer());

        var locations = output.Packages.Select(p => p.Location).ToList();
        Assert.Contains("/usr/share/rubygems-integration/all/specifications/rack-2.2.22.gemspec", locations);
        Assert.Contains(locations, l => l.StartsWith("/usr/lib/x86_64-linux-gnu/rubygems-integration/", StringComparison.Ordinal));
        Assert.Contains(locations, l => l.StartsWith("/usr/lib/ruby/gems/3.1.0/specifications/default/", StringComparison.Ordinal));
        Assert.DoesNotContain(output.Packages, p => p.Name == "not-a-record");
    }
}

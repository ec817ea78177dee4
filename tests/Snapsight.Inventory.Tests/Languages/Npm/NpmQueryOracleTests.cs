using Snapsight.Inventory.Languages.Npm;

namespace Snapsight.Inventory.Tests.Languages.Npm;

/// <summary>The language walk finds the packages npm itself says are installed, where npm says they are.</summary>
public sealed class NpmQueryOracleTests
{
    [Fact]
    public async Task A_real_npm_install_lists_as_npm_query_lists_it()
    {
        var root = LanguageFixtures.Path("npm-app");

        var output = await LanguageWalk.RunOnHostAsync(root, new NpmCataloguer());

        var expected = NpmQuery.Installed(Path.Combine(root, "app"));
        Assert.True(expected.Count > 50, $"npm lists only {expected.Count} packages");
        Assert.Equal(
            expected.Select(n => $"{n.Name}\t{n.Version}\t/app/{n.Location}/package.json\t{n.Licence}").Order(StringComparer.Ordinal),
            output.Packages.Select(p => $"{p.Name}\t{p.Version}\t{p.Location}\t{p.Licence}").Order(StringComparer.Ordinal));
        Assert.Empty(output.Gaps);
        // The tree holds what makes this comparison bite: scoped and nested packages, the same
        // name at two versions, and package.json files inside packages that are not packages.
        Assert.Contains(expected, n => n.Name.StartsWith('@'));
        Assert.Contains(expected, n => n.Location.Contains("/node_modules/", StringComparison.Ordinal));
        Assert.True(expected.Where(n => n.Name == "debug").Select(n => n.Version).Distinct().Count() > 1, "debug is not installed at two versions");
        Assert.True(File.Exists(Path.Combine(root, "app/node_modules/tslib/modules/package.json")));
        Assert.True(File.Exists(Path.Combine(root, "app/node_modules/@babel/runtime/helpers/esm/package.json")));
        Assert.True(File.Exists(Path.Combine(root, "app/node_modules/resolve/test/resolver/baz/package.json")));
    }
}

using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Languages.DotNet;

namespace Snapsight.Inventory.Tests.Languages.DotNet;

/// <summary>
/// A console app built with `dotnet publish` from NuGet packages and a referenced class
/// library, against the SDK's own restore result (obj/project.assets.json, read by python3);
/// and this host's shared framework against `dotnet --list-runtimes`.
/// </summary>
public sealed class DotNetOracleTests
{
    [Fact]
    public async Task The_published_apps_packages_equal_what_NuGet_restored_and_projects_are_not_packages()
    {
        var expected = GemDotNetFixtures.OracleRows("nuget-oracle.tsv");

        var output = await LanguageWalk.RunOnHostAsync(GemDotNetFixtures.Path("root"), new DotNetDepsCataloguer());

        Assert.Empty(output.Gaps);
        Assert.True(expected.Count >= 4, $"NuGet restored only {expected.Count} packages");
        Assert.Equal(expected, output.Packages.Select(p => $"{p.Name}\t{p.Version}").Order(StringComparer.Ordinal));
        Assert.All(output.Packages, p =>
        {
            Assert.Equal("nuget", p.Type);
            Assert.Equal("/opt/app/App.deps.json", p.Location);
        });
    }

    [Fact]
    public void The_shared_runtime_lists_its_runtime_package_at_the_version_dotnet_reports()
    {
        // "Microsoft.NETCore.App 10.0.12 [/usr/share/dotnet/shared/Microsoft.NETCore.App]"
        var runtime = Tool.Run("dotnet", "--list-runtimes").Split('\n')
            .Select(line => line.Split(' ', 3))
            .First(fields => fields[0] == "Microsoft.NETCore.App");
        var folder = Path.Combine(runtime[2].Trim('[', ']'), runtime[1]);
        var location = Path.Combine(folder, "Microsoft.NETCore.App.deps.json");

        var parsed = DepsJsonParser.Parse(File.ReadAllBytes(location), location);

        Assert.Empty(parsed.Problems);
        var package = Assert.Single(parsed.Packages);
        Assert.StartsWith("Microsoft.NETCore.App.Runtime.", package.Name, StringComparison.Ordinal);
        Assert.Equal(runtime[1], package.Version);
    }
}

using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.HostDirectory;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Analyzers;
using Snapsight.Inventory.Languages;

namespace Snapsight.Inventory.Tests.Languages;

/// <summary>
/// The tree of installed gems and a published .NET app that tests/images/build-gem-dotnet-fixtures
/// builds with Debian's packages, this host's Ruby and the dotnet SDK, with RubyGems' and
/// NuGet's own lists of what it holds.
/// </summary>
internal static class GemDotNetFixtures
{
    private static readonly Lazy<string> BuiltFolder = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path(string name) => System.IO.Path.Combine(BuiltFolder.Value, name);

    /// <summary>The oracle file's lines, sorted.</summary>
    public static IReadOnlyList<string> OracleRows(string name) =>
        [.. File.ReadAllLines(Path(name)).Where(line => line.Length > 0).Order(StringComparer.Ordinal)];

    /// <summary>The language walk with <paramref name="cataloguer"/> alone, over the fixture tree.</summary>
    public static async Task<AnalyzerOutput> WalkAsync(ILanguageCataloguer cataloguer)
    {
        using var root = new HostDirectoryFileSystem(Path("root"));
        return await new LanguageAnalyzer([cataloguer]).AnalyzeAsync(new FileTree(root), CancellationToken.None);
    }

    private static string Build()
    {
        var script = System.IO.Path.Combine(DebianImages.RepositoryRoot, "tests", "images", "build-gem-dotnet-fixtures");
        return Tool.Run(script).Trim().Split('\n')[^1];
    }
}

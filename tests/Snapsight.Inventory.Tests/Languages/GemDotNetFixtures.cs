using Snapsight.Disk.Tests.Support;

namespace Snapsight.Inventory.Tests.Languages;

/// <summary>
/// The tree of installed gems and a published .NET app that tests/images/build-gem-dotnet-fixtures
/// builds with Debian's packages, this host's Ruby and the dotnet SDK, with RubyGems' and
/// NuGet's own lists of what it holds.
/// </summary>
internal static class GemDotNetFixtures
{
    private static readonly FixtureScript Script = new("build-gem-dotnet-fixtures");

    public static string Path(string name) => System.IO.Path.Combine(Script.Folder, name);

    /// <summary>The oracle file's lines, sorted.</summary>
    public static IReadOnlyList<string> OracleRows(string name) =>
        [.. File.ReadAllLines(Path(name)).Where(line => line.Length > 0).Order(StringComparer.Ordinal)];
}

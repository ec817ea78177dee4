using Snapsight.Disk.Tests.Support;

namespace Snapsight.Inventory.Tests.Languages.Java;

/// <summary>The real archives built by <c>tests/images/build-java-fixtures</c> (cached between runs), and their oracle.</summary>
internal static class JavaFixtures
{
    private static readonly FixtureScript Script = new("build-java-fixtures");

    /// <summary>The directory tree holding Debian's jars and the archives assembled from them.</summary>
    public static string Tree => Path.Combine(Script.Folder, "tree");

    /// <summary>What Python's zipfile reads from the archives under <paramref name="directories"/>: "name@version location" lines, sorted.</summary>
    public static IReadOnlyList<string> Oracle(params string[] directories)
    {
        var script = Path.Combine(DebianImages.RepositoryRoot, "tests", "Snapsight.Inventory.Tests", "Languages", "Java", "zipfile-oracle.py");
        var output = Tool.Run("python3", [script, Tree, .. directories], null, null);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')).Select(f => $"{f[0]}@{f[1]} {f[2]}")];
    }

}

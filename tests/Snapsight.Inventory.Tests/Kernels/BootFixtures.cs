using Snapsight.Disk.Tests.Support;

namespace Snapsight.Inventory.Tests.Kernels;

/// <summary>The boot fixtures built by <c>tests/images/build-boot-fixtures</c> (cached between runs).</summary>
public static class BootFixtures
{
    private static readonly FixtureScript Script = new("build-boot-fixtures");

    public static string Folder => Script.Folder;

    public static string Root(string caseName) => Path.Combine(Folder, "cases", caseName, "root");

    /// <summary>Each case and the release its documented rule boots by default (cases.tsv).</summary>
    public static IEnumerable<(string Case, string Expected)> Cases() =>
        File.ReadAllLines(Path.Combine(Folder, "cases.tsv")).Select(line => line.Split('\t')).Select(f => (f[0], f[1]));
}

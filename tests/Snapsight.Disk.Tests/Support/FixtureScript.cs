namespace Snapsight.Disk.Tests.Support;

/// <summary>
/// A fixture script under tests/images: it builds its fixtures with real tools (or finds them
/// cached) and prints their folder on its last line. Run at most once per test process.
/// </summary>
public sealed class FixtureScript(string name)
{
    private readonly Lazy<string> _folder = new(
        () => Tool.Run(Path.Combine(Repository.Root, "tests", "images", name)).Trim().Split('\n')[^1],
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The folder holding the fixtures, built on first use.</summary>
    public string Folder => _folder.Value;
}

namespace Snapsight.Disk.Tests.Support;

/// <summary>
/// The real Debian 12 disk images built by <c>tests/images/build-debian-images</c> (cached
/// between runs), and the oracle manifest of the tree they were made from.
/// </summary>
public static class DebianImages
{
    private static readonly FixtureScript Script = new("build-debian-images");
    private static readonly Lazy<IReadOnlyList<TreeManifestEntry>> TreeManifest = new(
        () => TreeManifestEntry.ReadAll(Path("rootfs.manifest.tsv")), LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Folder => Script.Folder;

    /// <summary>What the kernel said about every entry of the tree the images hold.</summary>
    public static IReadOnlyList<TreeManifestEntry> Manifest => TreeManifest.Value;

    public static string Path(string name) => System.IO.Path.Combine(Folder, name);

    /// <summary>The repository root, found from the test's working directory.</summary>
    public static string RepositoryRoot => Repository.Root;

    /// <summary>Names a proto file could not hold, so the XFS image lacks them (tests/images/xfs-protofile.py).</summary>
    public static IReadOnlySet<string> OmittedFromXfs => File.ReadAllLines(Path("xfs-omitted.txt")).ToHashSet(StringComparer.Ordinal);
}

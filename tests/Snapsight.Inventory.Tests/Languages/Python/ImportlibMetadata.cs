using Snapsight.Disk.Tests.Support;

namespace Snapsight.Inventory.Tests.Languages.Python;

/// <summary>
/// The oracle: the host's python3 and its importlib.metadata, which is how Python itself finds
/// installed distributions (pip list reads the same).
/// </summary>
internal static class ImportlibMetadata
{
    // Values printed stripped: we trim the white space Python's email parser leaves around a value.
    private const string ListScript = """
        import importlib.metadata as m, sys
        for d in m.distributions(path=[sys.argv[1]]):
            name, version = d.metadata["Name"], d.metadata["Version"]
            print(f"{name.strip() if name is not None else None}\t{version.strip() if version is not None else None}")
        """;

    /// <summary>"name\tversion" for every distribution in <paramref name="sitePackages"/>, sorted; a missing field prints as None.</summary>
    public static string[] List(string sitePackages) =>
        [.. Tool.Run("python3", "-c", ListScript, sitePackages).Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
}

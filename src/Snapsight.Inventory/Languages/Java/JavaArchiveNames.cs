namespace Snapsight.Inventory.Languages.Java;

/// <summary>The file names Java archives go by: jar, and the zip-based formats that carry jars (web, enterprise, Jenkins plugin, service).</summary>
internal static class JavaArchiveNames
{
    private static readonly string[] Extensions = [".jar", ".war", ".ear", ".jpi", ".hpi", ".par", ".sar"];

    /// <summary>True for a path or an archive entry name ending in one of the extensions, case aside; never for a directory entry ("x.jar/").</summary>
    public static bool IsArchive(string path)
    {
        var name = FileName(path);
        return name.Length > 4 && Extensions.Any(extension => name.EndsWith(extension, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The last segment of a path or entry name.</summary>
    public static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];
}

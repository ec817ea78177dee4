using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Languages.Java;

/// <summary>
/// Turns what an archive says about itself into packages, strongest evidence first: every
/// pom.properties (a shaded jar carries one per library inside it); when there is none, the
/// manifest's main attributes; when they name no version, the file name. A package is
/// reported only with a version.
/// </summary>
internal static class JavaPackageEvidence
{
    public static InstalledPackage? FromPomProperties(PomProperties pom, string location) =>
        string.IsNullOrEmpty(pom.GroupId) || string.IsNullOrEmpty(pom.ArtifactId) || string.IsNullOrEmpty(pom.Version)
            ? null
            : Package($"{pom.GroupId}:{pom.ArtifactId}", pom.Version, location);

    /// <summary>
    /// Version from Implementation-Version, else Bundle-Version; artifact from Implementation-Title,
    /// else Bundle-SymbolicName (without its ';' directives), skipping any with white space (a
    /// title such as "Apache Commons IO" names no artifact); group from Implementation-Vendor-Id.
    /// </summary>
    public static InstalledPackage? FromManifest(IReadOnlyDictionary<string, string> attributes, string location)
    {
        var version = First(attributes, "Implementation-Version", "Bundle-Version");
        var artifact = First(attributes, "Implementation-Title", "Bundle-SymbolicName");
        if (version is null || artifact is null)
        {
            return null;
        }

        var group = First(attributes, "Implementation-Vendor-Id");
        return Package(group is null ? artifact : $"{group}:{artifact}", version, location);
    }

    /// <summary>"name-1.2.3.jar": the artifact up to the first '-' that a digit follows, the version after it.</summary>
    public static InstalledPackage? FromFileName(string fileName, string location)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        for (var dash = stem.IndexOf('-', StringComparison.Ordinal); dash >= 0 && dash + 1 < stem.Length; dash = stem.IndexOf('-', dash + 1))
        {
            if (dash > 0 && char.IsAsciiDigit(stem[dash + 1]))
            {
                return Package(stem[..dash], stem[(dash + 1)..], location);
            }
        }

        return null;
    }

    private static string? First(IReadOnlyDictionary<string, string> attributes, params string[] names)
    {
        foreach (var name in names)
        {
            if (attributes.TryGetValue(name, out var value))
            {
                var bare = value.Split(';')[0].Trim();
                if (bare.Length > 0 && !bare.Any(char.IsWhiteSpace))
                {
                    return bare;
                }
            }
        }

        return null;
    }

    private static InstalledPackage Package(string name, string version, string location) =>
        new() { Type = "java", Name = name, Version = version, Location = location };
}

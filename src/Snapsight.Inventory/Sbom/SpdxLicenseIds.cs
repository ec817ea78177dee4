using System.Reflection;

namespace Snapsight.Inventory.Sbom;

/// <summary>
/// The SPDX licence list's identifiers (spdx-license-ids.txt, embedded), looked up
/// case-insensitively as SPDX says identifiers match, answered in the list's own spelling.
/// </summary>
internal static class SpdxLicenseIds
{
    private static readonly Lazy<Dictionary<string, string>> ById = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string? Canonical(string id) => ById.Value.GetValueOrDefault(id);

    private static Dictionary<string, string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Snapsight.Inventory.Sbom.spdx-license-ids.txt")
            ?? throw new InvalidOperationException("the SPDX licence list is not embedded in this build");
        using var reader = new StreamReader(stream);
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                ids[line] = line;
            }
        }

        return ids;
    }
}

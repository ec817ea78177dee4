using Snapsight.Inventory.Os;

namespace Snapsight.Inventory.Sbom;

/// <summary>
/// The SBOM model both writers render: the operating system, the packages in a fixed order
/// (by purl, then location and the remaining fields, so the same input always gives the same
/// document even when one purl occurs twice, as the same jar in two places does), and what the
/// document says about itself.
/// </summary>
public sealed record SbomDocument(OperatingSystemInfo? Os, IReadOnlyList<SbomComponent> Components, SbomDocumentInfo Info)
{
    /// <summary>The package managers of an operating system; every other type is a language package on top of it.</summary>
    public static bool IsOsPackageType(string type) => type is "dpkg" or "rpm" or "apk";

    /// <summary>The operating system as people name it, "Debian GNU/Linux 12 (bookworm)": os-release's NAME and VERSION.</summary>
    public string? OsDescription => Os is null ? null : Os.Version is null ? Os.Name : $"{Os.Name} {Os.Version}";

    public static SbomDocument Of(InventoryResult inventory, SbomDocumentInfo info)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(info);
        var components = inventory.Packages
            .OrderBy(p => p.Purl, StringComparer.Ordinal)
            .ThenBy(p => p.Package.Location, StringComparer.Ordinal)
            .ThenBy(p => p.Package.Type, StringComparer.Ordinal)
            .ThenBy(p => p.Package.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Package.Version, StringComparer.Ordinal)
            .ThenBy(p => p.Package.Licence, StringComparer.Ordinal)
            .ThenBy(p => p.Package.SourceName, StringComparer.Ordinal)
            .ThenBy(p => p.Package.SourceVersion, StringComparer.Ordinal)
            .Select(p => new SbomComponent(p, inventory.Os is not null && IsOsPackageType(p.Package.Type)))
            .ToList();
        return new SbomDocument(inventory.Os, components, info);
    }
}

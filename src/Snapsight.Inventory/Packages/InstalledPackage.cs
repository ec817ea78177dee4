namespace Snapsight.Inventory.Packages;

/// <summary>
/// One installed package as its package manager records it. <see cref="Version"/> is what the
/// manager's own query tool prints: dpkg's with the epoch ("1:2.3-4"); rpm's as
/// VERSION-RELEASE with the epoch apart in <see cref="Epoch"/>; apk's as is.
/// <see cref="Location"/> is the database file it came from, absolute inside the image.
/// </summary>
public sealed record InstalledPackage
{
    /// <summary>"dpkg", "rpm", "apk"; for language packages "python", "npm", "java", "go", "gem", "nuget", "cargo".</summary>
    public required string Type { get; init; }

    /// <summary>
    /// As the ecosystem spells it; language names keep their namespace: npm "@scope/name",
    /// Maven "group:artifact", Go the module path (and "stdlib" for the toolchain).
    /// </summary>
    public required string Name { get; init; }

    public required string Version { get; init; }

    /// <summary>rpm only: 0 when the header has none.</summary>
    public int? Epoch { get; init; }

    public string? Arch { get; init; }

    /// <summary>The source package (dpkg Source:, rpm SOURCERPM name, apk origin); defaults as the manager's tools do.</summary>
    public string? SourceName { get; init; }

    public string? SourceVersion { get; init; }

    public string? Licence { get; init; }

    public string? Vendor { get; init; }

    /// <summary>dpkg's status triple ("install ok installed"); null where the manager has none.</summary>
    public string? Status { get; init; }

    /// <summary>rpm's MODULARITYLABEL, for modular streams.</summary>
    public string? ModularityLabel { get; init; }

    public required string Location { get; init; }

    /// <summary>
    /// For a language package: the OS package that installed its manifest (Debian's python3-yaml
    /// owns PyYAML's dist-info), as the package manager's own file records say. Its fixes come
    /// through that OS package, so matching looks it up there, not in the language ecosystem.
    /// </summary>
    public string? OwnedBy { get; init; }
}

namespace Snapsight.Inventory.Sbom;

/// <summary>One package as both SBOM formats list it, with its place under the operating system or beside it.</summary>
public sealed record SbomComponent(InventoryPackage Item, bool IsOsPackage);

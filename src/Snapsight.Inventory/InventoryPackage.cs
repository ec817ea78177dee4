using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory;

/// <summary>An installed package with its Package URL, which needs the operating system to be known.</summary>
public sealed record InventoryPackage(InstalledPackage Package, string Purl);

namespace Snapsight.Inventory.Languages.Npm;

/// <summary>The fields of an installed package's package.json that the inventory keeps.</summary>
internal sealed record NpmPackageJson(string Name, string Version, string? Licence);

namespace Snapsight.Inventory.Languages.Binaries;

/// <summary>The packages of one <c>.dep-v0</c> section, and what could not be read of it.</summary>
internal sealed record CargoAuditableResult(IReadOnlyList<CargoPackage> Packages, IReadOnlyList<string> Problems);

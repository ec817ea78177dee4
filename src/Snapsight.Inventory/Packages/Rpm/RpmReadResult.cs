namespace Snapsight.Inventory.Packages.Rpm;

/// <summary>What could be read from one rpm database, and what could not (one line per bad record or structure).</summary>
public sealed record RpmReadResult(IReadOnlyList<InstalledPackage> Packages, IReadOnlyList<string> Problems);

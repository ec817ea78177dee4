namespace Snapsight.Inventory.Packages.Rpm;

/// <summary>The validated headers of one rpm database, and what could not be read.</summary>
public sealed record RpmHeaderReadResult(IReadOnlyList<RpmHeader> Headers, IReadOnlyList<string> Problems);

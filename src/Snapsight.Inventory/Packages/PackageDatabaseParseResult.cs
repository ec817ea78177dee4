namespace Snapsight.Inventory.Packages;

/// <summary>
/// What one package database file yielded: the packages its manager would list, and every
/// part that could not be read (each a line naming the file and line). A non-empty
/// <see cref="Problems"/> means the list may be partial; the caller reports it as a gap.
/// </summary>
public sealed record PackageDatabaseParseResult(IReadOnlyList<InstalledPackage> Packages, IReadOnlyList<string> Problems);

using Snapsight.Disk.FileSystems;
using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Analyzers;

/// <summary>
/// Finds one package manager's database by its exact paths (never by walking the tree) and
/// reads it. A database that is absent is not a gap; one that cannot be read is.
/// </summary>
internal interface IPackageAnalyzer
{
    /// <summary>Stable name, used in gaps and, later, in cache keys.</summary>
    string Id { get; }

    /// <summary>The paths this analyzer may read; tests hold it to them.</summary>
    IReadOnlyList<string> Paths { get; }

    Task<AnalyzerOutput> AnalyzeAsync(FileTree tree, CancellationToken cancellationToken);
}

internal sealed record AnalyzerOutput(IReadOnlyList<InstalledPackage> Packages, IReadOnlyList<InventoryGap> Gaps)
{
    public static AnalyzerOutput Nothing { get; } = new([], []);
}

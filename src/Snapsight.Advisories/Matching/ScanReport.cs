using Snapsight.Advisories.Store;
using Snapsight.Inventory;

namespace Snapsight.Advisories.Matching;

/// <summary>A finished scan: what was scanned (the name only, never the scanner's own path), its inventory, the findings left after filters, and the store used.</summary>
public sealed record ScanReport(
    string Target,
    string ToolVersion,
    DateTimeOffset ScannedAt,
    InventoryResult Inventory,
    IReadOnlyList<Finding> Findings,
    StoreBuildRecord Database);

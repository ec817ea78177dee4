namespace Snapsight.Inventory.Sbom;

/// <summary>
/// What an SBOM says about itself rather than about the packages: the target it describes (a
/// file name, never the scanner's full path), the tool that made it, when, a unique serial,
/// and the gaps of the scan, so a reader can tell a partial inventory from a complete one.
/// </summary>
public sealed record SbomDocumentInfo(
    string TargetName,
    string ToolVersion,
    DateTimeOffset Created,
    Guid SerialNumber,
    IReadOnlyList<InventoryGap> Gaps);

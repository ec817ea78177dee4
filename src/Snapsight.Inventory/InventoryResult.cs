using Snapsight.Inventory.Os;

namespace Snapsight.Inventory;

/// <summary>What is installed in one file tree: the operating system, the packages, and the gaps.</summary>
public sealed record InventoryResult(
    OperatingSystemInfo? Os,
    IReadOnlyList<InventoryPackage> Packages,
    IReadOnlyList<InventoryGap> Gaps);

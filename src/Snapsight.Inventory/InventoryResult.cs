using Snapsight.Inventory.Kernels;
using Snapsight.Inventory.Os;

namespace Snapsight.Inventory;

/// <summary>What is installed in one file tree: the operating system, the packages, the kernels, and the gaps.</summary>
public sealed record InventoryResult(
    OperatingSystemInfo? Os,
    IReadOnlyList<InventoryPackage> Packages,
    IReadOnlyList<InventoryGap> Gaps)
{
    /// <summary>The installed kernels and which one boots by default (docs/inventory/kernels.md).</summary>
    public IReadOnlyList<InstalledKernel> Kernels { get; init; } = [];
}

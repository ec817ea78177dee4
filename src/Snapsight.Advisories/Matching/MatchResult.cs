using Snapsight.Inventory;

namespace Snapsight.Advisories.Matching;

/// <summary>The findings of one inventory, how many packages were looked up, and what could not be checked.</summary>
public sealed record MatchResult(IReadOnlyList<Finding> Findings, int PackagesChecked, IReadOnlyList<InventoryGap> Gaps);

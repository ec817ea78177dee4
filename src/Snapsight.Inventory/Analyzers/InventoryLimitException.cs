using Snapsight.Disk;

namespace Snapsight.Inventory.Analyzers;

/// <summary>
/// A file or directory bigger than Snapsight will read for an inventory. Not corrupt, just out
/// of bounds: it derives from <see cref="DiskFormatException"/> so callers handle one family,
/// but its message says plainly what was not read.
/// </summary>
internal sealed class InventoryLimitException(string message) : DiskFormatException("inventory", "limit", 0, message)
{
    public override string Message { get; } = message;
}

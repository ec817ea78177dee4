using Snapsight.Disk;

namespace Snapsight.Inventory.Packages;

/// <summary>
/// A package database that cannot be read as its format says: the same family as the disk
/// layer's errors (layer, structure, offset, problem), so callers handle one kind of bad input.
/// </summary>
public sealed class PackageDatabaseException(string layer, string structure, long offset, string problem)
    : DiskFormatException(layer, structure, offset, problem);

namespace Snapsight.Inventory.Packages.Rpm;

/// <summary>
/// rpm's own bounds on a stored header (<c>lib/header_internal.h</c>): HEADER_TAGS_MAX and
/// HEADER_DATA_MAX, and the layout of the blob header.c imports (<c>hdrblobInit</c>).
/// </summary>
internal static class RpmHeaderLimits
{
    /// <summary>HEADER_TAGS_MAX: most index entries a header may have.</summary>
    public const int MaxTags = 0xFFFF;

    /// <summary>HEADER_DATA_MAX: most data bytes (256 MiB).</summary>
    public const int MaxData = 0x0FFFFFFF;

    /// <summary>il and dl, two big-endian 32-bit counts, before the index.</summary>
    public const int PreambleSize = 8;

    /// <summary>One index entry: tag, type, offset, count, each big-endian 32-bit.</summary>
    public const int EntrySize = 16;

    /// <summary>A region tag's data is one index entry (the trailer) of type BIN.</summary>
    public const int RegionTrailerSize = 16;
}

namespace Snapsight.Advisories.Feeds.Osv;

/// <summary>
/// Bounds on one OSV record, checked before anything beyond them is allocated. The largest real
/// records (Ubuntu CVEs listing every binary package) are well under a megabyte and a few
/// thousand entries, so these leave ample room while keeping a hostile record cheap.
/// </summary>
public static class OsvLimits
{
    /// <summary>Bytes of one record (one file of a feed).</summary>
    public const int MaxRecordBytes = 16 * 1024 * 1024;

    /// <summary>JSON nesting; the schema needs five levels, the rest is room for the extension objects.</summary>
    public const int MaxDepth = 64;

    /// <summary>Elements of any one list: affected, ranges, events, versions, aliases, severity.</summary>
    public const int MaxListCount = 100_000;
}

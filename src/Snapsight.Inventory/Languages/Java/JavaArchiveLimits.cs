namespace Snapsight.Inventory.Languages.Java;

/// <summary>
/// The bounds on reading one Java archive and what it nests, all checked before the bytes
/// they guard are inflated (ASVS 5.0 V5.2.3: maximum size and file count before decompressing).
/// </summary>
internal sealed record JavaArchiveLimits
{
    public static JavaArchiveLimits Default { get; } = new();

    /// <summary>A top-level archive bigger than this on disk is a gap, not read.</summary>
    public long MaxArchiveBytes { get; init; } = 2L << 30;

    /// <summary>Nesting levels read below the top-level archive (app.ear!/x.war!/WEB-INF/lib/y.jar is 2).</summary>
    public int MaxDepth { get; init; } = 3;

    /// <summary>Central directory entries of one archive; counted before the archive is opened.</summary>
    public int MaxEntries { get; init; } = 100_000;

    /// <summary>Bytes of one central directory (entry headers with their names, extra fields and comments).</summary>
    public long MaxCentralDirectoryBytes { get; init; } = 64L << 20;

    /// <summary>A nested archive is held in memory to be read; one declaring more than this is not.</summary>
    public long MaxNestedArchiveBytes { get; init; } = 256L << 20;

    /// <summary>Bytes inflated for one top-level archive and everything inside it, together.</summary>
    public long MaxInflatedBytes { get; init; } = 1L << 30;

    /// <summary>Declared uncompressed size over compressed size above which an entry is taken for a bomb.</summary>
    public int MaxCompressionRatio { get; init; } = 100;

    /// <summary>Entries below this declared size are not held to the ratio: small text compresses well and costs nothing.</summary>
    public long RatioExemptBytes { get; init; } = 1L << 20;

    /// <summary>A pom.properties or MANIFEST.MF bigger than this is a gap: real ones are a few kilobytes.</summary>
    public long MaxMetadataBytes { get; init; } = 1L << 20;

    /// <summary>Gaps one top-level archive reports at most; the last one says how many more there were.</summary>
    public int MaxGaps { get; init; } = 100;
}

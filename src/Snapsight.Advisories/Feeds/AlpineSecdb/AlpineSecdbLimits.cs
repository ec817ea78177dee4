namespace Snapsight.Advisories.Feeds.AlpineSecdb;

/// <summary>
/// Bounds on one secdb file. The largest real ones (v3.18 main) are under two megabytes with a
/// few thousand packages; these leave ample room while keeping a hostile file cheap.
/// </summary>
public static class AlpineSecdbLimits
{
    /// <summary>Bytes of one file, read whole.</summary>
    public const int MaxFileBytes = 64 * 1024 * 1024;

    /// <summary>JSON nesting: the shape needs five levels.</summary>
    public const int MaxDepth = 16;

    /// <summary>(package, version, id) fix entries in one file; v3.18 main has about ten thousand.</summary>
    public const int MaxFixes = 1_000_000;

    /// <summary>Characters of one YAML line; real ones are under a hundred.</summary>
    public const int MaxLineChars = 4096;
}

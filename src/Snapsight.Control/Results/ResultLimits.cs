namespace Snapsight.Control.Results;

/// <summary>
/// How large one run's results may be. The text comes from the scanned disk, so a hostile image
/// could make it anything; these bounds keep a run to a known size in the database and in memory
/// (a diff loads two runs' keys). Generous: a large Debian host has ~3 000 packages.
/// </summary>
public static class ResultLimits
{
    public const int MaxPackages = 100_000;
    public const int MaxFindings = 200_000;
    public const int MaxRuleResults = 20_000;
    public const int MaxAliases = 64;
    public const int MaxMatches = 64;

    /// <summary>Names, versions, ids, architectures.</summary>
    public const int IdentifierLength = 256;

    /// <summary>Package URLs, rule titles, remediation text.</summary>
    public const int TextLength = 2048;

    /// <summary>One SBOM document, in characters.</summary>
    public const int MaxSbomLength = 256 * 1024 * 1024;
}

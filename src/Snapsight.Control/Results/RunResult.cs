namespace Snapsight.Control.Results;

/// <summary>
/// What one finished scan run hands to <see cref="ScanResults"/>: persistence-shaped, so the scan
/// workflow maps the scanner's model onto it and this side knows nothing of the scanner. Strings
/// come from the scanned disk and are therefore hostile; <see cref="RunResultCheck"/> bounds them.
/// </summary>
public sealed record RunResult(
    Guid RunId,
    Guid AssetId,
    DateTime CompletedAt,
    RunOs Os,
    IReadOnlyList<RunPackage> Packages,
    IReadOnlyList<RunFinding> Findings,
    IReadOnlyList<RunRuleResult> Compliance,
    ReadStatistics Reads,
    string? CycloneDxJson,
    string? SpdxJson);

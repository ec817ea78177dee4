using Snapsight.Advisories.Model;

namespace Snapsight.Control.Results;

/// <summary>
/// One vulnerability in one installed package. <paramref name="FixedVersion"/> is null when no fix
/// is known; <paramref name="Kev"/> says whether CISA lists it as known exploited; <paramref name="Evidence"/>
/// is how it was matched (null from callers that do not know).
/// </summary>
public sealed record RunFinding(
    string VulnerabilityId,
    IReadOnlyList<string> Aliases,
    string PackageName,
    string InstalledVersion,
    string? FixedVersion,
    Severity Severity,
    double? CvssScore,
    bool Kev,
    double? EpssScore,
    string? Remediation,
    RunFindingEvidence? Evidence = null);

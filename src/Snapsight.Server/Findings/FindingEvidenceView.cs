using Snapsight.Advisories.Matching;
using Snapsight.Control.Results;

namespace Snapsight.Server.Findings;

/// <summary>
/// Why a finding was reported: the installed package (ecosystem, name, version) and where it was
/// found, the name and version looked up in the advisories, and every advisory stretch that version
/// fell in, with its bounds as one line (<c>constraint</c>).
/// </summary>
public sealed record FindingEvidenceView(string PackageType, string PackageName, string InstalledVersion, string? Location,
    string? MatchedName, string? MatchedVersion, IReadOnlyList<FindingMatchView> Advisories)
{
    public static FindingEvidenceView? Of(StoredFinding f) => f.PackageType is null ? null
        : new(f.PackageType, f.PackageName, f.InstalledVersion, f.PackageLocation, f.MatchedName, f.MatchedVersion,
            [.. f.Matches.Select(m => new FindingMatchView(m.Advisory, m.Introduced, m.Fixed, m.LastAffected,
                MatchedRange.Describe(m.Introduced, m.Fixed, m.LastAffected)))]);
}

/// <summary>One advisory stretch: the feed and record, its bounds as the feed gave them, and those as one line.</summary>
public sealed record FindingMatchView(string Advisory, string? Introduced, string? Fixed, string? LastAffected, string Constraint);

using Snapsight.Advisories.Matching;
using Snapsight.Compliance.Assessment;
using Snapsight.Control.Results;
using Snapsight.Scanning;
using SbomFormat = Snapsight.Scanning.SbomFormat;

namespace Snapsight.Server.Scanning;

/// <summary>The scanner's <see cref="ScanResult"/> in the shape results storage keeps (<see cref="RunResult"/>), SBOMs included.</summary>
internal static class RunResultMapping
{
    public static RunResult ToRunResult(this ScanResult result, Guid runId, Guid assetId, ReadStatistics reads)
    {
        var commands = result.Remediations.GroupBy(r => r.Package).ToDictionary(g => g.Key, g => g.First().Command);
        var os = result.Os;
        return new RunResult(
            runId,
            assetId,
            result.ScannedAt.UtcDateTime,
            new RunOs(os?.Family, os?.Name, os?.VersionId ?? os?.Version),
            [.. result.Inventory.Packages.Select(p => new RunPackage(p.Package.Type, p.Package.Name, p.Package.Version, p.Package.Arch, p.Purl, p.Package.SourceName))],
            [.. result.Findings.Select(f => new RunFinding(
                f.Id, f.Aliases, f.Package.Package.Name, f.Package.Package.Version, f.FixedVersion, f.Severity, f.Cvss?.Score,
                f.Kev is not null, f.Epss?.Score, commands.GetValueOrDefault(f.Package), Evidence(f)))],
            result.Compliance is { } compliance ? Rules(compliance.Assessment) : [],
            reads,
            Sbom(result, SbomFormat.CycloneDx, runId),
            Sbom(result, SbomFormat.SpdxJson, runId));
    }

    private static RunFindingEvidence Evidence(Finding f) => new(
        f.Package.Package.Type, f.Package.Package.Location, f.MatchedName, f.MatchedVersion,
        [.. f.Matched.Take(ResultLimits.MaxMatches).Select(m => new RunMatch(m.Advisory, m.Introduced, m.Fixed, m.LastAffected))]);

    private static List<RunRuleResult> Rules(ComplianceAssessment assessment)
    {
        var profile = assessment.Profile?.Id ?? "";
        return [.. assessment.Selected.Select(r => new RunRuleResult(profile, r.Rule.Id, r.Rule.Title, r.Rule.Severity, r.Result))];
    }

    /// <summary>The SBOM carries the run id as its serial number, so the same run always gives the same document.</summary>
    private static string Sbom(ScanResult result, SbomFormat format, Guid runId)
    {
        using var buffer = new MemoryStream();
        result.WriteSbom(buffer, format, runId);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

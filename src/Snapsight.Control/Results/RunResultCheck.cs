namespace Snapsight.Control.Results;

/// <summary>
/// Refuses a <see cref="RunResult"/> that breaks <see cref="ResultLimits"/> or is plainly wrong (an
/// empty id, a score out of range), naming the field, before anything is written.
/// </summary>
public static class RunResultCheck
{
    public static void Validate(RunResult run)
    {
        Require(run.RunId != Guid.Empty, "runId", "is empty");
        Require(run.AssetId != Guid.Empty, "assetId", "is empty");
        Require(run.Reads.BytesRead >= 0 && run.Reads.Requests >= 0, "reads", "counts cannot be negative");
        var fetched = run.Reads.Fetched;
        Require(fetched.BlocksFetched >= 0 && fetched.BlocksFromCache >= 0 && fetched.BytesFetched >= 0 && fetched.BytesFromCache >= 0
            && fetched.ListCalls >= 0 && fetched.IncrementalSnapshots >= 0 && fetched.EstimatedCostUsd >= 0 && fetched.EstimatedCostUsd < 1_000_000_000m, "reads", "fetch counts and cost cannot be negative or absurd");
        Bounded("os.family", run.Os.Family, ResultLimits.IdentifierLength);
        Bounded("os.name", run.Os.Name, ResultLimits.IdentifierLength);
        Bounded("os.version", run.Os.Version, ResultLimits.IdentifierLength);
        Require(run.Packages.Count <= ResultLimits.MaxPackages, "packages", $"more than {ResultLimits.MaxPackages}");
        Require(run.Findings.Count <= ResultLimits.MaxFindings, "findings", $"more than {ResultLimits.MaxFindings}");
        Require(run.Compliance.Count <= ResultLimits.MaxRuleResults, "compliance", $"more than {ResultLimits.MaxRuleResults}");
        Bounded("cycloneDxJson", run.CycloneDxJson, ResultLimits.MaxSbomLength);
        Bounded("spdxJson", run.SpdxJson, ResultLimits.MaxSbomLength);
        foreach (var p in run.Packages)
        {
            Present("packages.type", p.Type, ResultLimits.IdentifierLength);
            Present("packages.name", p.Name, ResultLimits.IdentifierLength);
            Present("packages.version", p.Version, ResultLimits.IdentifierLength);
            Bounded("packages.arch", p.Arch, ResultLimits.IdentifierLength);
            Bounded("packages.purl", p.Purl, ResultLimits.TextLength);
            Bounded("packages.source", p.Source, ResultLimits.IdentifierLength);
        }

        foreach (var f in run.Findings)
        {
            Present("findings.vulnerabilityId", f.VulnerabilityId, ResultLimits.IdentifierLength);
            Present("findings.packageName", f.PackageName, ResultLimits.IdentifierLength);
            Present("findings.installedVersion", f.InstalledVersion, ResultLimits.IdentifierLength);
            Bounded("findings.fixedVersion", f.FixedVersion, ResultLimits.IdentifierLength);
            Bounded("findings.remediation", f.Remediation, ResultLimits.TextLength);
            Require(Enum.IsDefined(f.Severity), "findings.severity", "is not a severity");
            Require(f.CvssScore is null or >= 0 and <= 10, "findings.cvssScore", "is not within 0 to 10");
            Require(f.EpssScore is null or >= 0 and <= 1, "findings.epssScore", "is not within 0 to 1");
            Require(f.Aliases.Count <= ResultLimits.MaxAliases, "findings.aliases", $"more than {ResultLimits.MaxAliases}");
            foreach (var alias in f.Aliases)
            {
                Present("findings.aliases", alias, ResultLimits.IdentifierLength);
            }

            if (f.Evidence is { } evidence)
            {
                Evidence(evidence);
            }
        }

        foreach (var r in run.Compliance)
        {
            Present("compliance.profile", r.Profile, ResultLimits.IdentifierLength);
            Present("compliance.ruleId", r.RuleId, ResultLimits.IdentifierLength);
            Bounded("compliance.title", r.Title, ResultLimits.TextLength);
            Bounded("compliance.severity", r.Severity, ResultLimits.IdentifierLength);
            Require(Enum.IsDefined(r.Result), "compliance.result", "is not an XCCDF result");
        }
    }

    private static void Evidence(RunFindingEvidence evidence)
    {
        Present("findings.evidence.packageType", evidence.PackageType, ResultLimits.IdentifierLength);
        Bounded("findings.evidence.location", evidence.Location, ResultLimits.TextLength);
        Bounded("findings.evidence.matchedName", evidence.MatchedName, ResultLimits.IdentifierLength);
        Bounded("findings.evidence.matchedVersion", evidence.MatchedVersion, ResultLimits.IdentifierLength);
        Require(evidence.Matches.Count <= ResultLimits.MaxMatches, "findings.evidence.matches", $"more than {ResultLimits.MaxMatches}");
        foreach (var m in evidence.Matches)
        {
            Present("findings.evidence.matches.advisory", m.Advisory, ResultLimits.IdentifierLength);
            Bounded("findings.evidence.matches.introduced", m.Introduced, ResultLimits.IdentifierLength);
            Bounded("findings.evidence.matches.fixed", m.Fixed, ResultLimits.IdentifierLength);
            Bounded("findings.evidence.matches.lastAffected", m.LastAffected, ResultLimits.IdentifierLength);
        }
    }

    private static void Present(string field, string? value, int max)
    {
        Require(!string.IsNullOrEmpty(value), field, "is empty");
        Bounded(field, value, max);
    }

    private static void Bounded(string field, string? value, int max) =>
        Require(value is null || value.Length <= max, field, $"is longer than {max} characters");

    private static void Require(bool condition, string field, string reason)
    {
        if (!condition)
        {
            throw new InvalidFieldException(field, reason);
        }
    }
}

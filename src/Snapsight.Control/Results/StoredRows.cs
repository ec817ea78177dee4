using Snapsight.Advisories.Model;

namespace Snapsight.Control.Results;

/// <summary>
/// Turns a <see cref="RunResult"/> into the rows <see cref="ScanResults"/> stores. PostgreSQL text
/// cannot hold U+0000, which a hostile package database can contain, so it becomes U+FFFD rather
/// than costing the whole run.
/// </summary>
internal static class StoredRows
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public static StoredRun Run(RunResult run, Guid subscription, DateTime now) => new()
    {
        Id = run.RunId, SubscriptionId = subscription, AssetId = run.AssetId,
        // PostgreSQL keeps microseconds: trimmed here, the order compared at store time is the one read back later.
        CompletedAt = Microseconds(run.CompletedAt), StoredAt = Microseconds(now),
        OsFamily = Clean(run.Os.Family), OsName = Clean(run.Os.Name), OsVersion = Clean(run.Os.Version),
        BytesRead = run.Reads.BytesRead, ReadRequests = run.Reads.Requests,
        BlocksFetched = run.Reads.Fetched.BlocksFetched, BlocksFromCache = run.Reads.Fetched.BlocksFromCache,
        BytesFetched = run.Reads.Fetched.BytesFetched, BytesFromCache = run.Reads.Fetched.BytesFromCache, ListCalls = run.Reads.Fetched.ListCalls,
        EstimatedCostUsd = run.Reads.Fetched.EstimatedCostUsd, IncrementalSnapshots = run.Reads.Fetched.IncrementalSnapshots,
        PackageCount = run.Packages.Count, FindingCount = run.Findings.Count, RuleResultCount = run.Compliance.Count,
        CriticalFindings = Count(run, Severity.Critical), HighFindings = Count(run, Severity.High),
        MediumFindings = Count(run, Severity.Medium), LowFindings = Count(run, Severity.Low), UnknownFindings = Count(run, Severity.Unknown),
    };

    public static StoredPackage Package(RunPackage p, StoredRun run) => new()
    {
        Id = Guid.CreateVersion7(), SubscriptionId = run.SubscriptionId, RunId = run.Id, AssetId = run.AssetId,
        Type = Clean(p.Type)!, Name = Clean(p.Name)!, Version = Clean(p.Version)!, Arch = Clean(p.Arch),
        Purl = Clean(p.Purl), Source = Clean(p.Source),
    };

    public static StoredFinding Finding(RunFinding f, StoredRun run) => new()
    {
        Id = Guid.CreateVersion7(), SubscriptionId = run.SubscriptionId, RunId = run.Id, AssetId = run.AssetId,
        VulnerabilityId = Clean(f.VulnerabilityId)!, PackageName = Clean(f.PackageName)!,
        InstalledVersion = Clean(f.InstalledVersion)!, FixedVersion = Clean(f.FixedVersion), Severity = f.Severity,
        CvssScore = f.CvssScore, Kev = f.Kev, EpssScore = f.EpssScore, Remediation = Clean(f.Remediation),
        Aliases = f.Aliases.Select(a => Clean(a)!).Distinct(StringComparer.Ordinal)
            .Select(a => new FindingAlias { Alias = a }).ToList(),
        PackageType = Clean(f.Evidence?.PackageType), PackageLocation = Clean(f.Evidence?.Location),
        MatchedName = Clean(f.Evidence?.MatchedName), MatchedVersion = Clean(f.Evidence?.MatchedVersion),
        Matches = f.Evidence?.Matches.Select(m => new FindingMatch
        {
            Advisory = Clean(m.Advisory)!, Introduced = Clean(m.Introduced), Fixed = Clean(m.Fixed), LastAffected = Clean(m.LastAffected),
        }).ToList() ?? [],
    };

    public static StoredRuleResult RuleResult(RunRuleResult r, StoredRun run) => new()
    {
        Id = Guid.CreateVersion7(), SubscriptionId = run.SubscriptionId, RunId = run.Id, AssetId = run.AssetId,
        Profile = Clean(r.Profile)!, RuleId = Clean(r.RuleId)!, Title = Clean(r.Title) ?? "", Severity = Clean(r.Severity) ?? "",
        Result = r.Result,
    };

    public static IEnumerable<StoredSbom> Sboms(RunResult result, StoredRun run)
    {
        foreach (var (format, content) in new[] { (SbomFormat.CycloneDx, result.CycloneDxJson), (SbomFormat.Spdx, result.SpdxJson) })
        {
            if (content is not null)
            {
                yield return new StoredSbom
                {
                    Id = Guid.CreateVersion7(), SubscriptionId = run.SubscriptionId, RunId = run.Id, Format = format,
                    Content = Clean(content)!,
                };
            }
        }
    }

    private static int Count(RunResult run, Severity severity) => run.Findings.Count(f => f.Severity == severity);

    private static string? Clean(string? text) => text?.Replace('\0', '\uFFFD');

    private static DateTime Microseconds(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
        return new DateTime(utc.Ticks - (utc.Ticks % TicksPerMicrosecond), DateTimeKind.Utc);
    }
}

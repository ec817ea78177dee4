using Snapsight.Advisories.Model;
using Snapsight.Compliance.Assessment;
using Snapsight.Control.Results;

namespace Snapsight.Server.Findings;

/// <summary>A finding as the API shows it, with the asset and run it belongs to, and its evidence (null when stored without).</summary>
public sealed record FindingView(Guid Id, Guid AssetId, Guid RunId, string VulnerabilityId, IReadOnlyList<string> Aliases,
    string PackageName, string InstalledVersion, string? FixedVersion, Severity Severity, double? CvssScore, bool Kev,
    double? EpssScore, string? Remediation, FindingEvidenceView? Evidence)
{
    public static FindingView Of(StoredFinding f) =>
        new(f.Id, f.AssetId, f.RunId, f.VulnerabilityId, f.Aliases.Select(a => a.Alias).Order(StringComparer.Ordinal).ToList(),
            f.PackageName, f.InstalledVersion, f.FixedVersion, f.Severity, f.CvssScore, f.Kev, f.EpssScore, f.Remediation,
            FindingEvidenceView.Of(f));
}

public sealed record PackageView(string Type, string Name, string Version, string? Arch, string? Purl, string? Source)
{
    public static PackageView Of(StoredPackage p) => new(p.Type, p.Name, p.Version, p.Arch, p.Purl, p.Source);
}

public sealed record RuleResultView(string Profile, string RuleId, string Title, string Severity, RuleResult Result)
{
    public static RuleResultView Of(StoredRuleResult r) => new(r.Profile, r.RuleId, r.Title, r.Severity, r.Result);
}

/// <summary>
/// One run's stored results in summary; <c>current</c> marks the run the asset's current view shows,
/// <c>fetched</c> its read report (what the cloud was asked for, and the estimated cost).
/// </summary>
public sealed record RunView(Guid Id, Guid AssetId, DateTime CompletedAt, DateTime StoredAt, bool Current, RunOsView Os,
    long BytesRead, long ReadRequests, int Packages, int Findings, int RuleResults, RunFetchView Fetched)
{
    public static RunView Of(StoredRun r) =>
        new(r.Id, r.AssetId, r.CompletedAt, r.StoredAt, r.IsCurrent, new RunOsView(r.OsFamily, r.OsName, r.OsVersion),
            r.BytesRead, r.ReadRequests, r.PackageCount, r.FindingCount, r.RuleResultCount, RunFetchView.Of(r));
}

/// <summary>
/// A run's read report: blocks fetched (one GetSnapshotBlock call each on AWS), blocks served from
/// the cache of the volume's last scan, their bytes, list calls, snapshots read incrementally, and
/// the estimated cost in US dollars.
/// </summary>
public sealed record RunFetchView(long BlocksFetched, long GetSnapshotBlockCalls, long BlocksFromCache, long BytesFetched, long BytesFromCache,
    long ListCalls, int IncrementalSnapshots, decimal EstimatedCostUsd)
{
    public static RunFetchView Of(StoredRun r) =>
        new(r.BlocksFetched, r.BlocksFetched, r.BlocksFromCache, r.BytesFetched, r.BytesFromCache, r.ListCalls, r.IncrementalSnapshots, r.EstimatedCostUsd);
}

public sealed record RunOsView(string? Family, string? Name, string? Version);

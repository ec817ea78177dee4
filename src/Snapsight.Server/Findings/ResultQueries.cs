using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Persistence;
using Snapsight.Control.Results;

namespace Snapsight.Server.Findings;

/// <summary>
/// The stored results' queries, in the order their lists show them: shared by the API
/// (<see cref="ResultEndpoints"/>) and the web console, so both page and filter the same rows.
/// </summary>
public static class ResultQueries
{
    /// <summary>The findings of every asset's current run, filtered.</summary>
    public static IQueryable<StoredFinding> CurrentFindings(ControlDbContext db, FindingFilter filter) =>
        filter.Apply(db.StoredFindings.AsNoTracking().Where(f => db.StoredRuns.Any(r => r.Id == f.RunId && r.IsCurrent)));

    public static IOrderedQueryable<StoredFinding> Ordered(IQueryable<StoredFinding> findings) =>
        findings.OrderBy(f => f.VulnerabilityId).ThenBy(f => f.PackageName).ThenBy(f => f.AssetId).ThenBy(f => f.Id);

    public static IOrderedQueryable<StoredPackage> CurrentPackages(ControlDbContext db, Guid assetId) =>
        db.StoredPackages.AsNoTracking()
            .Where(p => p.AssetId == assetId && db.StoredRuns.Any(r => r.Id == p.RunId && r.IsCurrent))
            .OrderBy(p => p.Type).ThenBy(p => p.Name).ThenBy(p => p.Arch).ThenBy(p => p.Version).ThenBy(p => p.Id);

    public static IOrderedQueryable<StoredRuleResult> CurrentRuleResults(ControlDbContext db, Guid assetId) =>
        db.StoredRuleResults.AsNoTracking()
            .Where(r => r.AssetId == assetId && db.StoredRuns.Any(run => run.Id == r.RunId && run.IsCurrent))
            .OrderBy(r => r.Profile).ThenBy(r => r.RuleId).ThenBy(r => r.Id);

    /// <summary>Runs newest first.</summary>
    public static IOrderedQueryable<StoredRun> NewestFirst(IQueryable<StoredRun> runs) =>
        runs.OrderByDescending(r => r.CompletedAt).ThenBy(r => r.Id);

    /// <summary>The SBOM of the asset's current run in the format, as stored; null when there is none.</summary>
    public static Task<string?> CurrentSbomAsync(ControlDbContext db, Guid assetId, SbomFormat format, CancellationToken ct) =>
        db.StoredSboms.AsNoTracking()
            .Where(s => s.Format == format && db.StoredRuns.Any(r => r.Id == s.RunId && r.AssetId == assetId && r.IsCurrent))
            .Select(s => s.Content).SingleOrDefaultAsync(ct);
}

using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Snapsight.Advisories.Matching;
using Snapsight.Advisories.Model;
using Snapsight.Control.Assets;
using Snapsight.Control.Persistence;
using Snapsight.Control.Results;
using Snapsight.Inventory;

namespace Snapsight.Control.Assessments;

/// <summary>Stores and reads assets' API-based assessments (<see cref="ApiAssessment"/>), one per asset, the latest.</summary>
public sealed class ApiAssessments(ControlDbContext db, TimeProvider clock)
{
    /// <summary>Findings kept per assessment, most severe first; the counts cover them all.</summary>
    public const int MaxStoredFindings = 1000;

    /// <summary>Replaces the asset's assessment with this one (the caller's subscription, inside its transaction when one is open).</summary>
    public async Task<ApiAssessment> StoreAsync(Asset asset, string source, DateTimeOffset? capturedAt, InventoryResult inventory,
        IReadOnlyList<Finding> findings, IReadOnlyList<InventoryGap> gaps, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(gaps);
        var row = await db.ApiAssessments.SingleOrDefaultAsync(a => a.AssetId == asset.Id, ct).ConfigureAwait(false);
        if (row is null)
        {
            row = new ApiAssessment
            {
                Id = Guid.NewGuid(), SubscriptionId = asset.SubscriptionId, AssetId = asset.Id, Source = source, FindingsJson = "[]", GapsJson = "[]",
            };
            db.ApiAssessments.Add(row);
        }

        row.Source = Bounded(source)!;
        row.CapturedAt = capturedAt?.UtcDateTime;
        row.AssessedAt = clock.GetUtcNow().UtcDateTime;
        (row.OsFamily, row.OsName, row.OsVersion) = (Bounded(inventory.Os?.Family), Bounded(inventory.Os?.Name), Bounded(inventory.Os?.VersionId));
        row.PackageCount = inventory.Packages.Count;
        row.FindingCount = findings.Count;
        row.CriticalFindings = findings.Count(f => f.Severity == Severity.Critical);
        row.HighFindings = findings.Count(f => f.Severity == Severity.High);
        row.MediumFindings = findings.Count(f => f.Severity == Severity.Medium);
        row.LowFindings = findings.Count(f => f.Severity == Severity.Low);
        row.UnknownFindings = findings.Count(f => f.Severity == Severity.Unknown);
        row.FindingsJson = JsonSerializer.Serialize(findings
            .OrderByDescending(f => f.Severity).ThenBy(f => f.Id, StringComparer.Ordinal).ThenBy(f => f.Package.Package.Name, StringComparer.Ordinal)
            .Take(MaxStoredFindings)
            .Select(f => new ApiAssessmentFinding(f.Id, f.Package.Package.Name, f.Package.Package.Version, f.FixedVersion, f.Severity.ToString().ToUpperInvariant()))
            .ToList());
        row.GapsJson = JsonSerializer.Serialize(gaps.Select(g => $"{g.Where}: {g.Reason}").ToList());
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return row;
    }

    /// <summary>The asset's latest API-based assessment, or null when it never had one.</summary>
    public Task<ApiAssessment?> FindAsync(Guid assetId, CancellationToken ct) =>
        db.ApiAssessments.AsNoTracking().SingleOrDefaultAsync(a => a.AssetId == assetId, ct);

    public static IReadOnlyList<ApiAssessmentFinding> Findings(ApiAssessment assessment) =>
        JsonSerializer.Deserialize<List<ApiAssessmentFinding>>(assessment.FindingsJson) ?? [];

    public static IReadOnlyList<string> Gaps(ApiAssessment assessment) => JsonSerializer.Deserialize<List<string>>(assessment.GapsJson) ?? [];

    private static string? Bounded(string? text) => text is { Length: > ResultLimits.IdentifierLength } ? text[..ResultLimits.IdentifierLength] : text;
}

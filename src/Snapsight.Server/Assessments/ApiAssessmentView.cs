using Snapsight.Control.Assessments;
using Snapsight.Control.Results;

namespace Snapsight.Server.Assessments;

/// <summary>
/// An asset's two assessments side by side, each labelled by its method: <c>snapshot</c> (its
/// latest snapshot scan run; the findings are under /assets/{id}/findings) and <c>api</c> (its
/// cloud's inventory, e.g. SSM, matched the same way). Either is null until it has run.
/// </summary>
public sealed record AssetAssessmentsView(Guid AssetId, SnapshotAssessmentView? Snapshot, ApiAssessmentView? Api);

public sealed record SnapshotAssessmentView(
    string Method, Guid RunId, DateTime CompletedAt, string? OsFamily, string? OsVersion, int PackageCount, int FindingCount,
    int CriticalFindings, int HighFindings, int MediumFindings, int LowFindings, int UnknownFindings)
{
    public static SnapshotAssessmentView Of(StoredRun run) => new("snapshot", run.Id, run.CompletedAt, run.OsFamily, run.OsVersion,
        run.PackageCount, run.FindingCount, run.CriticalFindings, run.HighFindings, run.MediumFindings, run.LowFindings, run.UnknownFindings);
}

public sealed record ApiAssessmentView(
    string Method, string Source, DateTime? CapturedAt, DateTime AssessedAt, string? OsFamily, string? OsName, string? OsVersion,
    int PackageCount, int FindingCount, int CriticalFindings, int HighFindings, int MediumFindings, int LowFindings, int UnknownFindings,
    IReadOnlyList<ApiAssessmentFinding> Findings, IReadOnlyList<string> Gaps)
{
    public static ApiAssessmentView Of(ApiAssessment a) => new("api", a.Source, a.CapturedAt, a.AssessedAt, a.OsFamily, a.OsName, a.OsVersion,
        a.PackageCount, a.FindingCount, a.CriticalFindings, a.HighFindings, a.MediumFindings, a.LowFindings, a.UnknownFindings,
        ApiAssessments.Findings(a), ApiAssessments.Gaps(a));
}

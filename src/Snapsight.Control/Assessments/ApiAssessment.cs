using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Assessments;

/// <summary>
/// An asset's latest API-based assessment: its cloud's own inventory (SSM) matched against the
/// advisories, kept apart from snapshot runs so neither is mistaken for the other. One row per
/// asset, replaced by the next assessment. The findings are kept as a bounded JSON list
/// (<see cref="ApiAssessmentFinding"/>), the gaps likewise.
/// </summary>
public sealed class ApiAssessment : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid SubscriptionId { get; set; }

    public Guid AssetId { get; set; }

    /// <summary>Where the inventory came from: "ssm".</summary>
    public required string Source { get; set; }

    /// <summary>When the cloud's agent gathered the inventory, which may be well before <see cref="AssessedAt"/>.</summary>
    public DateTime? CapturedAt { get; set; }

    public DateTime AssessedAt { get; set; }

    public string? OsFamily { get; set; }

    public string? OsName { get; set; }

    public string? OsVersion { get; set; }

    public int PackageCount { get; set; }

    public int FindingCount { get; set; }

    public int CriticalFindings { get; set; }

    public int HighFindings { get; set; }

    public int MediumFindings { get; set; }

    public int LowFindings { get; set; }

    public int UnknownFindings { get; set; }

    /// <summary>The most severe findings first, at most <see cref="ApiAssessments.MaxStoredFindings"/>, as JSON.</summary>
    public required string FindingsJson { get; set; }

    /// <summary>What the inventory or the matching could not tell, as a JSON list of strings.</summary>
    public required string GapsJson { get; set; }
}

using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Results;

/// <summary>
/// One run's stored results, keyed by the run id so that storing a run twice cannot make two. Its
/// packages, findings, rule results and SBOMs are rows of their own that point back here. Exactly
/// one run per asset is <see cref="IsCurrent"/>: the latest by <see cref="CompletedAt"/> (ties by
/// id), which is what the asset's current view shows.
/// </summary>
public sealed class StoredRun : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid SubscriptionId { get; set; }

    public Guid AssetId { get; set; }

    public DateTime CompletedAt { get; set; }

    public DateTime StoredAt { get; set; }

    public bool IsCurrent { get; set; }

    /// <summary>
    /// When the asset's next run (in <see cref="Compare"/> order) completed; null while this is its
    /// latest. Kept by the store under the subscription lock, so the dashboard's history can tell
    /// from each row alone over which days it was the asset's latest run.
    /// </summary>
    public DateTime? SupersededAt { get; set; }

    public string? OsFamily { get; set; }

    public string? OsName { get; set; }

    public string? OsVersion { get; set; }

    public long BytesRead { get; set; }

    public long ReadRequests { get; set; }

    /// <summary>Blocks fetched from the cloud, one billed GetSnapshotBlock call each on AWS (0 on the local cloud).</summary>
    public long BlocksFetched { get; set; }

    /// <summary>Blocks served from the block cache of the volume's last scan instead (incremental rescans).</summary>
    public long BlocksFromCache { get; set; }

    public long BytesFetched { get; set; }

    public long BytesFromCache { get; set; }

    /// <summary>Calls that listed blocks (ListSnapshotBlocks, ListChangedBlocks).</summary>
    public long ListCalls { get; set; }

    /// <summary>The calls at the configured prices, in US dollars.</summary>
    public decimal EstimatedCostUsd { get; set; }

    /// <summary>Snapshots of the run read incrementally, against their volume's last scanned one.</summary>
    public int IncrementalSnapshots { get; set; }

    public int PackageCount { get; set; }

    public int FindingCount { get; set; }

    public int RuleResultCount { get; set; }

    // The run's findings by severity, written with the run, so the dashboard's history sums runs instead of counting findings.
    public int CriticalFindings { get; set; }

    public int HighFindings { get; set; }

    public int MediumFindings { get; set; }

    public int LowFindings { get; set; }

    public int UnknownFindings { get; set; }

    /// <summary>The order of runs of one asset: completion time, ties broken by id so it is total.</summary>
    public static int Compare(StoredRun a, StoredRun b) =>
        a.CompletedAt != b.CompletedAt ? a.CompletedAt.CompareTo(b.CompletedAt) : a.Id.CompareTo(b.Id);
}

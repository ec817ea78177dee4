using Snapsight.Cloud.Provider;
using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Scans;

/// <summary>
/// One scan of one asset: the durable state of its workflow (<see cref="ScanWorkflow"/>). Its id is
/// the <c>snapsight:run</c> tag of its snapshots, which is how a restarted step finds what the
/// crashed one made.
/// </summary>
public sealed class ScanRun : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid SubscriptionId { get; set; }

    public Guid AssetId { get; set; }

    /// <summary>
    /// The asset's id while the run is not terminal, null after: a unique index on it makes "one
    /// active run per asset" the database's decision, even when two starts race.
    /// </summary>
    public Guid? ActiveAssetId { get; set; }

    /// <summary>The target account, region and instance, copied from the asset when planned.</summary>
    public required string CloudAccountId { get; set; }

    public required string Region { get; set; }

    public required string InstanceId { get; set; }

    public ScanRunState State { get; set; }

    /// <summary>
    /// Set when a permanent error or a check ends the run early: the terminal state it is heading for
    /// (<see cref="ScanRunState.Failed"/> or <see cref="ScanRunState.Skipped"/>) once its snapshots are deleted.
    /// </summary>
    public ScanRunState? Ending { get; set; }

    /// <summary>One of <see cref="ScanReasons"/> when failed or skipped (or heading there); null otherwise.</summary>
    public string? ReasonCode { get; set; }

    /// <summary>
    /// What the reason is about, when the cloud named it: the encryption key's id for
    /// access_denied_to_encryption_key, the key whose policy the customer must fix. Null otherwise.
    /// </summary>
    public string? ReasonDetail { get; set; }

    /// <summary>
    /// Why the run is waiting before its snapshots are made (one of <see cref="ScanWaitReasons"/>),
    /// or null when it is not held back: admission control, so a run waits instead of failing.
    /// </summary>
    public string? WaitReason { get; set; }

    /// <summary>The wait's reason in plain words (how many snapshots are pending, which volume is busy).</summary>
    public string? WaitDetail { get; set; }

    /// <summary>The instance's volume ids in attachment order (root first), recorded when planned.</summary>
    public List<string> VolumeIds { get; set; } = [];

    /// <summary>
    /// How the run's snapshots are read (shared, read in place, or copied and shared), decided once when it is
    /// planned (<see cref="SnapshotAccessChoice"/>) and kept to its end: a restart with another server default or
    /// a template update that changes the account's mode never mixes two modes in one run. Null only while planned.
    /// </summary>
    public SnapshotAccess? SnapshotAccess { get; set; }

    /// <summary>Whether any volume is encrypted: an access denial then means the key's policy.</summary>
    public bool HasEncryptedVolumes { get; set; }

    /// <summary>The snapshot set, in <see cref="VolumeIds"/> order; empty until it is made or found.</summary>
    public List<string> SnapshotIds { get; set; } = [];

    /// <summary>Failed attempts of the current step; reset when a step succeeds.</summary>
    public int Attempt { get; set; }

    /// <summary>When the run should be advanced next (now, after a backoff, or at the next poll).</summary>
    public DateTime NextAttemptAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>When the snapshot set was asked for: how long it has been pending is measured from here.</summary>
    public DateTime? SnapshotsRequestedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>The last error, in plain words (a transient one that was retried included).</summary>
    public string? LastError { get; set; }

    public bool IsTerminal => State is ScanRunState.Done or ScanRunState.Failed or ScanRunState.Skipped;
}

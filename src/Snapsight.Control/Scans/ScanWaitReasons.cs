namespace Snapsight.Control.Scans;

/// <summary>
/// Why a run waits before its snapshots are made: stable words, the only values
/// <see cref="ScanRun.WaitReason"/> takes. A waiting run is not failed; it asks again after
/// <see cref="ScanWorkflowOptions.AdmissionWait"/>.
/// </summary>
public static class ScanWaitReasons
{
    /// <summary>Our pending snapshots in the account and region are at <see cref="ScanWorkflowOptions.MaxPendingSnapshotsPerScope"/>.</summary>
    public const string PendingSnapshotLimit = "pending_snapshot_limit";

    /// <summary>Another run holds a scan snapshot of one of the instance's volumes (one at a time per volume).</summary>
    public const string VolumeSnapshotInProgress = "volume_snapshot_in_progress";

    public static IReadOnlyList<string> All { get; } = [PendingSnapshotLimit, VolumeSnapshotInProgress];
}

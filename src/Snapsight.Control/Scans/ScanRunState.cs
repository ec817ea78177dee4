namespace Snapsight.Control.Scans;

/// <summary>
/// Where a scan run stands (docs/control/scan-workflow.md has the diagram). Each state is saved
/// before the side effect of the step that leaves it, so a restart redoes at most that one step.
/// </summary>
public enum ScanRunState
{
    /// <summary>Created; the instance is not yet checked.</summary>
    Planned,

    /// <summary>The snapshot set is asked for (or found by its tags) and awaited.</summary>
    SnapshotsRequested,

    /// <summary>Every snapshot of the set is completed.</summary>
    SnapshotsCompleted,

    /// <summary>The snapshots are readable by the reader (shared when the reader is another account).</summary>
    Shared,

    /// <summary>The scan of the snapshots is running (or is to be run again after a restart).</summary>
    Scanning,

    /// <summary>The result is handed to the result sink.</summary>
    ResultsStored,

    /// <summary>Every snapshot of the run is deleted.</summary>
    CleanedUp,

    /// <summary>Terminal: scanned and cleaned up.</summary>
    Done,

    /// <summary>Terminal: a permanent error (the reason code says which), snapshots deleted.</summary>
    Failed,

    /// <summary>Terminal: nothing to scan or not allowed to (the reason code says why), snapshots deleted.</summary>
    Skipped,
}

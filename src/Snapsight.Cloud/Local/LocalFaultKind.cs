namespace Snapsight.Cloud.Local;

/// <summary>The failures the local provider can be told to produce.</summary>
public enum LocalFaultKind
{
    /// <summary>Snapshots of the target volume or instance are created but end in the error state.</summary>
    CreationFails,

    /// <summary>Snapshots of the target volume or instance stay pending for ever.</summary>
    StuckPending,

    /// <summary>Reads of the target snapshot, or of snapshots of the target volume, fail (transient).</summary>
    ReadError,

    /// <summary>The targeted call (by <see cref="LocalFault.Operation"/>) is refused as throttled.</summary>
    Throttle,
}

namespace Snapsight.Cloud.Provider;

/// <summary>How a provider's snapshots are read by the scanner (docs/control/scan-workflow.md).</summary>
public enum SnapshotAccess
{
    /// <summary>
    /// The owner shares each snapshot with the service account, which reads it: the scanners' own
    /// account holds the grant (the local cloud).
    /// </summary>
    ShareToServiceAccount,

    /// <summary>
    /// Nothing is shared: the snapshot is read where it is, as the account that owns it (AWS's
    /// default, the only way to read volumes under a key that cannot be shared across accounts).
    /// </summary>
    ReadInPlace,

    /// <summary>
    /// Once the set is complete, the owner copies each snapshot (<see cref="ICloudProvider.CopySnapshotAsync"/>,
    /// re-encrypted under a key the service account may use) and shares only the copies, which the
    /// service account reads; source and copy are both deleted at cleanup (AWS's copy-and-share mode).
    /// </summary>
    CopyAndShareToServiceAccount,
}

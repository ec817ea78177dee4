namespace Snapsight.Cloud.Provider;

/// <summary>A snapshot's state, as EC2 names them; only a completed snapshot can be read.</summary>
public enum SnapshotState
{
    Pending,
    Completed,
    Error,
}

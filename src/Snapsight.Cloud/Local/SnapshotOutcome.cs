namespace Snapsight.Cloud.Local;

/// <summary>What a pending local snapshot becomes once its completion time has come (faults choose the last two).</summary>
internal enum SnapshotOutcome
{
    Complete,
    Fail,
    StayPending,
}

using Snapsight.Cloud.Provider;

namespace Snapsight.Control.Results;

/// <summary>
/// How much of the snapshots a run read (bytes, and the read requests it took), and what the
/// provider fetched for it and at what cost (<see cref="SnapshotReadReport.None"/> when it fetches
/// nothing billed, as the local cloud).
/// </summary>
public sealed record ReadStatistics(long BytesRead, long Requests)
{
    public SnapshotReadReport Fetched { get; init; } = SnapshotReadReport.None;
}

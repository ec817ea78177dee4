namespace Snapsight.Control.Results;

/// <summary>How much of the snapshots a run read: bytes, and the read requests it took.</summary>
public sealed record ReadStatistics(long BytesRead, long Requests);

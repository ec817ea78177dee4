namespace Snapsight.Cloud.Provider;

/// <summary>
/// What reading snapshots fetched from the cloud and what it cost, as a run stores it: blocks (and
/// their bytes) fetched with a billed call each, blocks served from the local block cache instead
/// (an incremental read), the list calls, and the cost estimated at the provider's prices.
/// </summary>
/// <param name="BlocksFetched">Blocks fetched from the cloud, one billed call each (GetSnapshotBlock on AWS).</param>
/// <param name="BlocksFromCache">Blocks served from the local cache of the last scan instead.</param>
/// <param name="BytesFetched">Bytes of the blocks fetched.</param>
/// <param name="BytesFromCache">Bytes of the blocks from the cache.</param>
/// <param name="ListCalls">Calls that listed blocks (ListSnapshotBlocks, ListChangedBlocks on AWS).</param>
/// <param name="EstimatedCostUsd">The calls at the provider's configured prices, in US dollars.</param>
/// <param name="IncrementalSnapshots">Snapshots read incrementally (against their volume's last scanned one).</param>
public sealed record SnapshotReadReport(
    long BlocksFetched, long BlocksFromCache, long BytesFetched, long BytesFromCache, long ListCalls, decimal EstimatedCostUsd, int IncrementalSnapshots)
{
    public static SnapshotReadReport None { get; } = new(0, 0, 0, 0, 0, 0m, 0);

    /// <summary>Every snapshot of a run together.</summary>
    public static SnapshotReadReport Sum(IEnumerable<SnapshotReadReport> reports) =>
        reports.Aggregate(None, (a, b) => new SnapshotReadReport(
            a.BlocksFetched + b.BlocksFetched, a.BlocksFromCache + b.BlocksFromCache, a.BytesFetched + b.BytesFetched,
            a.BytesFromCache + b.BytesFromCache, a.ListCalls + b.ListCalls, a.EstimatedCostUsd + b.EstimatedCostUsd,
            a.IncrementalSnapshots + b.IncrementalSnapshots));
}

/// <summary>A snapshot device that can say what its reads fetched and cost (the local cloud's cannot: it fetches nothing).</summary>
public interface ISnapshotReadReporter
{
    SnapshotReadReport ReadReport();
}

namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>
/// What reading one snapshot took and cost, as plain data a run can store: the list calls and what
/// they listed, the blocks fetched with GetSnapshotBlock and those served from the local block
/// cache, the bytes of each and of what callers read, and the estimated cost.
/// </summary>
/// <param name="SnapshotId">The snapshot read.</param>
/// <param name="IncrementalFrom">The snapshot whose cached blocks were reused (null: a full read).</param>
/// <param name="FullReadReason">Why an incremental read fell back to a full one (null when it did not, or was not asked to be incremental).</param>
/// <param name="ListSnapshotBlocksCalls">ListSnapshotBlocks pages fetched.</param>
/// <param name="ListChangedBlocksCalls">ListChangedBlocks pages fetched.</param>
/// <param name="BlocksListed">Written blocks of the snapshot.</param>
/// <param name="ChangedBlocksListed">Blocks listed as changed since <paramref name="IncrementalFrom"/>.</param>
/// <param name="BlocksFetched">Blocks fetched with GetSnapshotBlock (each one billed block).</param>
/// <param name="BlocksFromCache">Blocks served from the local block cache instead.</param>
/// <param name="CacheEntriesRejected">Cache entries that failed their checksum or were malformed, and were fetched instead.</param>
/// <param name="BytesFetched">Bytes of the blocks fetched.</param>
/// <param name="BytesFromCache">Bytes of the blocks served from the cache.</param>
/// <param name="BytesRead">Bytes callers read from the device (unwritten blocks, as zeros, included).</param>
/// <param name="EstimatedCostUsd">The blocks fetched and the list calls at <see cref="EbsPricing"/>'s prices.</param>
public sealed record EbsReadReport(
    string SnapshotId,
    string? IncrementalFrom,
    string? FullReadReason,
    long ListSnapshotBlocksCalls,
    long ListChangedBlocksCalls,
    long BlocksListed,
    long ChangedBlocksListed,
    long BlocksFetched,
    long BlocksFromCache,
    long CacheEntriesRejected,
    long BytesFetched,
    long BytesFromCache,
    long BytesRead,
    decimal EstimatedCostUsd);

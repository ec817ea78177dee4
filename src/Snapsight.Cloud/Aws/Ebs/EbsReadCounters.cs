namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>
/// What a client cost, thread-safe: the calls made (retries included), the blocks and bytes
/// fetched, and the throttled answers. The run report prices GetSnapshotBlock calls from these.
/// </summary>
public sealed class EbsReadCounters
{
    private long _getSnapshotBlockCalls;
    private long _listCalls;
    private long _blocksFetched;
    private long _throttled;

    public long GetSnapshotBlockCalls => Interlocked.Read(ref _getSnapshotBlockCalls);

    public long ListCalls => Interlocked.Read(ref _listCalls);

    /// <summary>Blocks fetched and verified.</summary>
    public long BlocksFetched => Interlocked.Read(ref _blocksFetched);

    public long BytesFetched => BlocksFetched * EbsLimits.BlockSize;

    public long ThrottledResponses => Interlocked.Read(ref _throttled);

    internal void CountGetSnapshotBlockCall() => Interlocked.Increment(ref _getSnapshotBlockCalls);

    internal void CountListCall() => Interlocked.Increment(ref _listCalls);

    internal void CountBlockFetched() => Interlocked.Increment(ref _blocksFetched);

    internal void CountThrottled() => Interlocked.Increment(ref _throttled);

    public override string ToString() =>
        $"{BlocksFetched} blocks ({BytesFetched} bytes) in {GetSnapshotBlockCalls} GetSnapshotBlock calls, {ListCalls} list calls, {ThrottledResponses} throttled";
}

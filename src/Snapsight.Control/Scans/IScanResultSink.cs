namespace Snapsight.Control.Scans;

/// <summary>
/// Where a run's result goes (results storage). The workflow may hand over the same run's result
/// more than once (a crash after storing and before recording it), so storing must be idempotent
/// by <paramref name="runId"/>: a second call for a run already stored changes nothing.
/// </summary>
public interface IScanResultSink
{
    /// <param name="subscriptionId">The run's subscription; the sink stores under it.</param>
    /// <param name="assetId">The asset scanned.</param>
    /// <param name="runId">The idempotency key.</param>
    /// <param name="output">The executor's output, unchanged.</param>
    Task StoreAsync(Guid subscriptionId, Guid assetId, Guid runId, ScanOutput output, CancellationToken cancellationToken);
}

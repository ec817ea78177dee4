using Snapsight.Control.Scans;

namespace Snapsight.Bench;

/// <summary>
/// The server's result store, counted: <see cref="StoredResults"/> completes once every asset of the
/// fleet has a stored result, so the bench waits without polling the API (whose CPU would count as
/// the control plane's).
/// </summary>
internal sealed class CountingResultSink<T>(IScanResultSink inner, StoredResults<T> stored) : IScanResultSink
{
    public async Task StoreAsync(Guid subscriptionId, Guid assetId, Guid runId, ScanOutput output, CancellationToken cancellationToken)
    {
        await inner.StoreAsync(subscriptionId, assetId, runId, output, cancellationToken).ConfigureAwait(false);
        stored.Add(assetId);
    }
}

using System.Collections.Concurrent;
using Snapsight.Control.Scans;

namespace Snapsight.Server.Tests.Scans;

/// <summary>
/// A result store that outlives engine restarts, idempotent by run id as the contract asks, and that
/// counts every hand-over so a test can tell a repeated store from a second result.
/// </summary>
public sealed class RecordingResultSink : IScanResultSink
{
    private int _stores;

    public ConcurrentDictionary<Guid, (Guid AssetId, ScanOutput Output)> Results { get; } = new();

    public int Stores => Volatile.Read(ref _stores);

    public Task StoreAsync(Guid subscriptionId, Guid assetId, Guid runId, ScanOutput output, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _stores);
        Results.TryAdd(runId, (assetId, output));
        return Task.CompletedTask;
    }
}

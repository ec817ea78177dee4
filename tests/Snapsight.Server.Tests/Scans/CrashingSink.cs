using Snapsight.Control.Scans;

namespace Snapsight.Server.Tests.Scans;

/// <summary>The shared result store, with the process dying right after a hand-over when the plan says so.</summary>
public sealed class CrashingSink(IScanResultSink inner, CrashPlan crash) : IScanResultSink
{
    public async Task StoreAsync(Guid subscriptionId, Guid assetId, Guid runId, ScanOutput output, CancellationToken cancellationToken)
    {
        crash.Before();
        await inner.StoreAsync(subscriptionId, assetId, runId, output, cancellationToken);
        crash.After();
    }
}

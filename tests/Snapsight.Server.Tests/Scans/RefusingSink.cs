using Snapsight.Control;
using Snapsight.Control.Scans;

namespace Snapsight.Server.Tests.Scans;

/// <summary>A result store that refuses every result as the real one refuses an oversized one (RunResultCheck).</summary>
public sealed class RefusingSink : IScanResultSink
{
    public Task StoreAsync(Guid subscriptionId, Guid assetId, Guid runId, ScanOutput output, CancellationToken cancellationToken) =>
        throw new InvalidFieldException("packages", "more than 100000");
}

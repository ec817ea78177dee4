using Snapsight.Control.Results;
using Snapsight.Control.Scans;
using Snapsight.Control.Scheduling;
using Snapsight.Scanning;
using Snapsight.Server.Assessments;

namespace Snapsight.Server.Scanning;

/// <summary>
/// The scan workflow's result sink: stores the scanner's result as the run's (idempotent by run id,
/// in <see cref="ScanResults"/>) and records the completed scan on the asset's schedule, so its
/// interval counts from now; then, where the cloud keeps an agent inventory, queues the asset's
/// assessment from it (<see cref="ApiAssessmentQueue"/>, best effort, off the run's path). Resolved
/// in the workflow step's scope, inside the run's subscription.
/// </summary>
internal sealed class ScanResultStore(ScanResults results, ScanSchedule schedule, ApiAssessmentQueue apiAssessments) : IScanResultSink
{
    public async Task StoreAsync(Guid subscriptionId, Guid assetId, Guid runId, ScanOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Result is not ScanResult scan)
        {
            throw new ArgumentException($"the scanner handed over a {output.Result.GetType().Name}, not a scan result", nameof(output));
        }

        var run = scan.ToRunResult(runId, assetId, new ReadStatistics(output.BytesRead, output.ReadRequests) { Fetched = output.Fetched });
        await results.StoreAsync(run, cancellationToken).ConfigureAwait(false);
        await schedule.MarkScannedAsync(assetId, run.CompletedAt, cancellationToken).ConfigureAwait(false);
        apiAssessments.Enqueue(subscriptionId, assetId);
    }
}

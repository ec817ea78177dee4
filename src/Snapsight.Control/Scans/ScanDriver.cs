using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Scans;

/// <summary>
/// Drives the scan workflow for every subscription: each pass takes one step of each due run (a
/// fresh scope, and so a fresh database context, per step, so a failed step leaves nothing half
/// tracked for the next), and sweeps orphan snapshots on request.
/// </summary>
public sealed partial class ScanDriver(IServiceScopeFactory scopes, ScanWorkflowOptions options, ILogger<ScanDriver> logger)
{
    /// <summary>
    /// One pass over every subscription: starts the runs its schedule allows, then takes a step of
    /// each due run; answers how many runs were started plus steps taken.
    /// </summary>
    public async Task<int> DriveDueAsync(CancellationToken ct)
    {
        var steps = 0;
        foreach (var subscription in await SubscriptionIdsAsync(ct).ConfigureAwait(false))
        {
            await using (var scope = scopes.CreateTenantScope(subscription))
            {
                steps += await scope.ServiceProvider.GetRequiredService<ScanStarter>().StartDueAsync(ct).ConfigureAwait(false);
            }

            List<Guid> due;
            await using (var scope = scopes.CreateTenantScope(subscription))
            {
                due = await scope.ServiceProvider.GetRequiredService<ScanRuns>().DueAsync(options.RunsPerPass, ct).ConfigureAwait(false);
            }

            foreach (var run in due)
            {
                steps += await StepAsync(subscription, run, ct).ConfigureAwait(false) ? 1 : 0;
            }
        }

        return steps;
    }

    /// <summary>When the earliest unfinished run of any subscription is next due; null when none is unfinished.</summary>
    public async Task<DateTime?> NextDueAsync(CancellationToken ct)
    {
        DateTime? next = null;
        foreach (var subscription in await SubscriptionIdsAsync(ct).ConfigureAwait(false))
        {
            await using var scope = scopes.CreateTenantScope(subscription);
            var due = await scope.ServiceProvider.GetRequiredService<ScanRuns>().NextDueAsync(ct).ConfigureAwait(false);
            next = due is { } d && (next is null || d < next) ? d : next;
        }

        return next;
    }

    /// <summary>Sweeps every subscription's orphan snapshots (docs/control/scan-workflow.md).</summary>
    public async Task<SweepReport> SweepAsync(CancellationToken ct)
    {
        var total = new SweepReport();
        foreach (var subscription in await SubscriptionIdsAsync(ct).ConfigureAwait(false))
        {
            await using var scope = scopes.CreateTenantScope(subscription);
            var report = await scope.ServiceProvider.GetRequiredService<SnapshotSweeper>().SweepAsync(subscription, ct).ConfigureAwait(false);
            total.Deleted.AddRange(report.Deleted);
            total.Kept.AddRange(report.Kept);
            total.Errors.AddRange(report.Errors);
        }

        foreach (var error in total.Errors)
        {
            LogSweepError(error);
        }

        LogSwept(total.Deleted.Count, total.Kept.Count);
        return total;
    }

    private async Task<bool> StepAsync(Guid subscription, Guid runId, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateTenantScope(subscription);
            var run = await scope.ServiceProvider.GetRequiredService<ScanWorkflow>().StepAsync(runId, ct).ConfigureAwait(false);
            if (run is { IsTerminal: true })
            {
                LogFinished(run.Id, run.InstanceId, run.State, run.ReasonCode ?? "-");
            }

            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing of the step was saved; the run is due again next pass. One broken run must not stop the others.
            LogStepFailed(runId, e);
            return false;
        }
    }

    private async Task<List<Guid>> SubscriptionIdsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await AllSubscriptions.IdsAsync(scope.ServiceProvider.GetRequiredService<ControlDbContext>(), ct).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Scan run {RunId} of {InstanceId} ended {State} ({Reason})")]
    private partial void LogFinished(Guid runId, string instanceId, ScanRunState state, string reason);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Error, Message = "A step of scan run {RunId} failed unexpectedly; it will be retried")]
    private partial void LogStepFailed(Guid runId, Exception error);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Snapshot sweep deleted {Deleted} and kept {Kept} snapshots")]
    private partial void LogSwept(int deleted, int kept);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Snapshot sweep could not list {Error}")]
    private partial void LogSweepError(string error);
}

using Microsoft.EntityFrameworkCore;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Accounts;
using Snapsight.Control.Persistence;

namespace Snapsight.Control.Scans;

/// <summary>
/// Advances one <see cref="ScanRun"/> by one step and saves it (docs/control/scan-workflow.md). A
/// step's side effect happens only once the state naming it is saved, and every side effect is
/// idempotent or found again by the run's snapshot tags, so a step may be repeated after a crash
/// without a second snapshot set or a second result. Transient cloud errors are retried here and
/// nowhere else, with capped exponential backoff and jitter; permanent ones end the run, always
/// after its snapshots are deleted.
/// </summary>
public sealed partial class ScanWorkflow(
    ControlDbContext db, ICloudProvider cloud, IScanExecutor executor, IScanResultSink sink, ScanWorkflowOptions options, TimeProvider clock)
{
    private ServiceAccount? serviceAccount;
    private bool serviceAccountRead;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Takes the run's next step and saves the outcome, then, while the step left the run due at once
    /// (its next state has no wait, such as shared, or results stored), the steps after it, each saved
    /// before the next begins, at most <see cref="ScanWorkflowOptions.StepsInARow"/> in all: a run goes
    /// from a completed set to done in one call, one query and one database context, not seven.
    /// Answers the run (null when not found in this subscription) and how many steps were taken.
    /// </summary>
    public async Task<(ScanRun? Run, int Steps)> StepAsync(Guid runId, CancellationToken ct)
    {
        var run = await db.ScanRuns.SingleOrDefaultAsync(r => r.Id == runId, ct).ConfigureAwait(false);
        var steps = 0;
        while (run is { IsTerminal: false } && steps < options.StepsInARow && (steps == 0 || run.NextAttemptAt <= Now)
            && !ct.IsCancellationRequested)
        {
            await TakeSavedStepAsync(run, ct).ConfigureAwait(false);
            steps++;
        }

        return (run, steps);
    }

    private async Task TakeSavedStepAsync(ScanRun run, CancellationToken ct)
    {
        try
        {
            await TakeStepAsync(run, ct).ConfigureAwait(false);
            run.Attempt = 0;
        }
        catch (CloudProviderException e) when (e.IsTransient || IsCleaningUp(run))
        {
            Retry(run, e.Message);
        }
        catch (CloudProviderException e)
        {
            End(run, ScanRunState.Failed, ReasonFor(run, e), e.Message, e.EncryptionKeyId);
        }

        run.UpdatedAt = Now;
        // Saved before the next step's side effect: what a crash leaves is what one step at a time would leave.
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Counts a step that threw something other than a cloud error (a bug, or a database gone) as a
    /// failed attempt, so the run backs off like any retry and, unless it is cleaning up, ends after
    /// the last attempt instead of failing the same way on every pass.
    /// </summary>
    public async Task RecordUnexpectedFailureAsync(Guid runId, Exception error, CancellationToken ct)
    {
        var run = await db.ScanRuns.SingleOrDefaultAsync(r => r.Id == runId, ct).ConfigureAwait(false);
        if (run is null || run.IsTerminal)
        {
            return;
        }

        Retry(run, $"unexpected error: {error.Message}");
        run.UpdatedAt = Now;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    private Task TakeStepAsync(ScanRun run, CancellationToken ct) => IsCleaningUp(run)
        ? CleanUpAsync(run, ct)
        : run.State switch
        {
            ScanRunState.Planned => PlanAsync(run, ct),
            ScanRunState.SnapshotsRequested => run.SnapshotIds.Count == 0 ? FindOrCreateSetAsync(run, ct) : AwaitSetAsync(run, ct),
            ScanRunState.SnapshotsCompleted => ShareAsync(run, ct),
            ScanRunState.Shared => Advance(run, ScanRunState.Scanning),
            ScanRunState.Scanning => ScanAsync(run, ct),
            ScanRunState.CleanedUp => Finish(run, ScanRunState.Done),
            _ => throw new InvalidOperationException($"run {run.Id} is {run.State}, which has no step"),
        };

    /// <summary>Cleanup is due after the results are stored, and whenever the run is ending early.</summary>
    private static bool IsCleaningUp(ScanRun run) => run.State == ScanRunState.ResultsStored || run.Ending is not null;

    /// <summary>The run's account and region, acted in through the run's subscription's registration of the account.</summary>
    private static CloudScope TargetScope(ScanRun run) => new(run.CloudAccountId, run.Region) { Subscription = run.SubscriptionId };

    private Task Advance(ScanRun run, ScanRunState next)
    {
        run.State = next;
        run.NextAttemptAt = Now;
        return Task.CompletedTask;
    }

    private Task Finish(ScanRun run, ScanRunState terminal)
    {
        run.State = terminal;
        run.Ending = null;
        run.FinishedAt = Now;
        run.ActiveAssetId = null;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Ends the run with a reason (and what it is about, when known). Before any snapshot could exist
    /// (still planned) it ends at once; otherwise the ending is saved first and the next step deletes
    /// the snapshots, then ends it.
    /// </summary>
    private void End(ScanRun run, ScanRunState terminal, string reason, string error, string? detail = null)
    {
        run.ReasonCode = reason;
        run.ReasonDetail = detail is null ? null : Truncate(detail);
        run.LastError = Truncate(error);
        if (run.State == ScanRunState.Planned)
        {
            Finish(run, terminal);
            return;
        }

        run.Ending = terminal;
        run.Attempt = 0;
        run.NextAttemptAt = Now;
    }

    private void Retry(ScanRun run, string error)
    {
        run.Attempt++;
        run.LastError = Truncate(error);
        // Cleanup is never given up: snapshots must not outlive their run. Other steps fail in the end.
        if (run.Attempt >= options.MaxAttempts && !IsCleaningUp(run))
        {
            End(run, ScanRunState.Failed, StageReason(run), $"gave up after {run.Attempt} attempts: {error}");
            return;
        }

        run.NextAttemptAt = Now + RetryBackoff.Delay(run.Attempt, options.BaseRetryDelay, options.MaxRetryDelay, Random.Shared.NextDouble());
    }

    /// <summary>
    /// The reason a permanent cloud error gives the run, by what it says and where the run was. A
    /// denial is the key's when the provider names the key, or (for a provider that cannot tell, such
    /// as the local cloud) when a volume is encrypted.
    /// </summary>
    private static string ReasonFor(ScanRun run, CloudProviderException error) => error.Code switch
    {
        CloudErrorCode.AccessDenied => error.EncryptionKeyId is not null || run.HasEncryptedVolumes
            ? ScanReasons.AccessDeniedToEncryptionKey
            : ScanReasons.AccessDenied,
        CloudErrorCode.NotFound or CloudErrorCode.InvalidState when run.State is ScanRunState.Planned
            || (run.State == ScanRunState.SnapshotsRequested && run.SnapshotIds.Count == 0) => ScanReasons.InstanceTerminated,
        _ => StageReason(run),
    };

    private static string StageReason(ScanRun run) => run.State == ScanRunState.Scanning ? ScanReasons.ScanFailed : ScanReasons.SnapshotFailed;

    private static string Truncate(string text) =>
        text.Length <= ControlLimits.AuditTextLength ? text : text[..(ControlLimits.AuditTextLength - 1)] + "…";
}

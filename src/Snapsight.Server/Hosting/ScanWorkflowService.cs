using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Snapsight.Control.Scans;

namespace Snapsight.Server.Hosting;

/// <summary>
/// Runs the scan workflow in the server: sweeps orphan snapshots at start-up and every
/// <see cref="ScanWorkflowOptions.SweepInterval"/>, and advances due runs every
/// <see cref="ScanWorkflowOptions.DriveInterval"/>, or sooner when a run is due sooner. Runs are
/// driven only once a scanner (<see cref="IScanExecutor"/>) and a result store
/// (<see cref="IScanResultSink"/>) are registered.
/// </summary>
internal sealed partial class ScanWorkflowService(
    ScanDriver driver, ScanWorkflowOptions options, TimeProvider clock, IServiceProviderIsService services, ILogger<ScanWorkflowService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var canScan = services.IsService(typeof(IScanExecutor)) && services.IsService(typeof(IScanResultSink));
        if (!canScan)
        {
            LogNoScanner();
        }

        var nextSweep = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (clock.GetUtcNow() >= nextSweep)
                {
                    await driver.SweepAsync(stoppingToken).ConfigureAwait(false);
                    nextSweep = clock.GetUtcNow() + options.SweepInterval;
                }

                // Keep stepping while there is work; wait only once a pass finds nothing due.
                while (canScan && await driver.DriveDueAsync(stoppingToken).ConfigureAwait(false) > 0)
                {
                }

                await Task.Delay(canScan ? await IdleWaitAsync(stoppingToken).ConfigureAwait(false) : options.DriveInterval, clock, stoppingToken)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException or IOException)
            {
                // The database or the disk is away for a moment: try again after the interval, never stop the server.
                LogPassFailed(e);
                await Task.Delay(options.DriveInterval, clock, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Until the next run is due, at most <see cref="ScanWorkflowOptions.DriveInterval"/>: a snapshot
    /// polled again in a second is described after a second, not two. A run already due that the pass
    /// did not step (its step failed) waits the whole interval, so a broken run is not retried in a loop.
    /// </summary>
    private async Task<TimeSpan> IdleWaitAsync(CancellationToken ct)
    {
        var until = await driver.NextDueAsync(ct).ConfigureAwait(false) - clock.GetUtcNow().UtcDateTime;
        return until is { } wait && wait > TimeSpan.Zero && wait < options.DriveInterval ? wait : options.DriveInterval;
    }

    [LoggerMessage(EventId = 7010, Level = LogLevel.Warning,
        Message = "No scanner or result store is registered: scan runs are not driven; orphan snapshots are still swept")]
    private partial void LogNoScanner();

    [LoggerMessage(EventId = 7011, Level = LogLevel.Error, Message = "A pass of the scan workflow failed; trying again")]
    private partial void LogPassFailed(Exception error);
}

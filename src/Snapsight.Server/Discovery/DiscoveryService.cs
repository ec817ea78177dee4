using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Snapsight.Control.Discovery;

namespace Snapsight.Server.Discovery;

/// <summary>
/// Runs a <see cref="DiscoveryRound"/> at start, then every <see cref="DiscoverySettings.CheckEvery"/> and whenever
/// <see cref="DiscoveryWakeUp"/> is asked (a target account registered); each round polls only the accounts whose
/// connector's polling frequency has passed, so the check can be frequent. The last poll of each account is in the
/// database, so a restart resumes the rhythm.
/// </summary>
public sealed partial class DiscoveryService(DiscoveryRound round, DiscoverySettings settings, DiscoveryWakeUp wakeUp,
    TimeProvider clock, ILogger<DiscoveryService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.CheckEvery, clock);
        Task<bool>? tick = null; // a timer allows one wait at a time: one outlives the rounds a wake-up brings
        while (true)
        {
            var woken = wakeUp.NextRequest; // read before the round, so a request during it brings another
            await RunRoundAsync(stoppingToken).ConfigureAwait(false);
            tick ??= timer.WaitForNextTickAsync(stoppingToken).AsTask();
            // The tick ends the wait at shutdown too (it is cancelled); WhenAny leaves no continuation on the one that lost.
            if (await Task.WhenAny(tick, woken).ConfigureAwait(false) == tick)
            {
                if (!await tick.ConfigureAwait(false))
                {
                    return;
                }

                tick = null;
            }

            stoppingToken.ThrowIfCancellationRequested();
        }
    }

    private async Task RunRoundAsync(CancellationToken stoppingToken)
    {
        try
        {
            var polled = await round.RunAsync(stoppingToken).ConfigureAwait(false);
            if (polled > 0)
            {
                RoundDone(log, polled);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A database outage must not end the service: the next tick tries again.
            RoundFailed(log, e);
        }
    }

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Discovery polled {Accounts} target accounts")]
    private static partial void RoundDone(ILogger logger, int accounts);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Error, Message = "A discovery round failed; the next one retries")]
    private static partial void RoundFailed(ILogger logger, Exception error);
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Snapsight.Control.Discovery;

namespace Snapsight.Server.Discovery;

/// <summary>
/// Runs a <see cref="DiscoveryRound"/> at start and then every <see cref="DiscoverySettings.CheckEvery"/>;
/// each round polls only the accounts whose connector's polling frequency has passed, so the check
/// can be frequent. The last poll of each account is in the database, so a restart resumes the rhythm.
/// </summary>
public sealed partial class DiscoveryService(DiscoveryRound round, DiscoverySettings settings, TimeProvider clock,
    ILogger<DiscoveryService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.CheckEvery, clock);
        do
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
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Discovery polled {Accounts} target accounts")]
    private static partial void RoundDone(ILogger logger, int accounts);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Error, Message = "A discovery round failed; the next one retries")]
    private static partial void RoundFailed(ILogger logger, Exception error);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Snapsight.Control.Accounts;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Discovery;

/// <summary>
/// One pass of the background poll: finds, across every subscription, the registered target
/// accounts whose connector's polling frequency has passed since their last poll, then polls each
/// inside its own subscription (a scope of its own with the tenant entered), so the query filters
/// hold for everything but the look-up itself. An account that fails is logged and left for the
/// next pass; it never stops the others.
/// </summary>
public sealed partial class DiscoveryRound(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DiscoveryRound> log)
{
    /// <summary>Polls every account that is due; answers how many were polled.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var due = await DueAccountsAsync(ct).ConfigureAwait(false);
        var polled = 0;
        foreach (var (accountId, subscriptionId) in due)
        {
            await using var scope = scopes.CreateTenantScope(subscriptionId);
            try
            {
                if (await scope.ServiceProvider.GetRequiredService<AssetDiscovery>().DiscoverAccountAsync(accountId, ct).ConfigureAwait(false))
                {
                    polled++;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                AccountFailed(log, accountId, subscriptionId, e);
            }
        }

        return polled;
    }

    private async Task<List<(Guid AccountId, Guid SubscriptionId)>> DueAccountsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ControlDbContext>();
        // The one look across subscriptions: ids and times only, each account then polled in its own tenant.
        var registered = await db.TargetAccounts.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.State == ValidationState.Registered)
            .Join(db.Connectors.IgnoreQueryFilters(), a => a.ConnectorId, c => c.Id,
                (a, c) => new { a.Id, a.SubscriptionId, a.LastDiscoveredAt, c.PollingFrequencyHours })
            .ToListAsync(ct).ConfigureAwait(false);
        var now = clock.GetUtcNow().UtcDateTime;
        return registered
            .Where(a => a.LastDiscoveredAt is not { } last || last.AddHours(a.PollingFrequencyHours) <= now)
            .OrderBy(a => a.LastDiscoveredAt ?? DateTime.MinValue)
            .Select(a => (a.Id, a.SubscriptionId)).ToList();
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Discovery of target account {AccountId} in subscription {SubscriptionId} failed")]
    private static partial void AccountFailed(ILogger logger, Guid accountId, Guid subscriptionId, Exception error);
}

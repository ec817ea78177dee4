using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Cloud.Aws.Sdk;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Accounts;

/// <summary>
/// The AWS provider's accounts, read from the registrations: in the scope's subscription, a
/// registered target account is acted in through its role with its connector's external ID, in the
/// regions of the registration and of its connector; the subscription's service account (when it is
/// not a target too) with the server's own credentials. Each subscription has at most one connector
/// per account, so (subscription, account) names one role and one external ID even when other
/// subscriptions registered the same account with theirs. A call without a subscription finds
/// nothing: the server always says on whose behalf it acts.
/// </summary>
/// <remarks>
/// Answers are cached for <see cref="CacheFor"/>, and a subscription's are forgotten as soon as this
/// server changes one of its registrations (<see cref="Forget"/>); another server instance's change
/// is seen once the entry expires. A registration in any state is answered: whether its role works
/// is for AWS to say, and a snapshot must stay deletable while its account is re-validated.
/// </remarks>
public sealed class RegisteredAwsAccounts(IServiceScopeFactory scopes, TimeProvider clock) : IAwsAccountDirectory
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(Guid Subscription, string AccountId), Entry> _cache = new();
    private long _generation;

    public async ValueTask<AwsAccount?> FindAsync(string accountId, Guid? subscription, CancellationToken cancellationToken)
    {
        if (subscription is not { } id || !CloudScope.IsAccountId(accountId))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (_cache.TryGetValue((id, accountId), out var cached) && cached.Expires > now)
        {
            return cached.Account;
        }

        // A change saved while this lookup runs forgets the cache meanwhile: then this answer is not kept.
        var generation = Interlocked.Read(ref _generation);
        var account = await ReadAsync(id, accountId, cancellationToken).ConfigureAwait(false);
        if (Interlocked.Read(ref _generation) == generation)
        {
            _cache[(id, accountId)] = new Entry(account, now + CacheFor);
        }

        return account;
    }

    /// <summary>Drops what is cached for the subscription: called once one of its registrations changed.</summary>
    public void Forget(Guid subscriptionId)
    {
        Interlocked.Increment(ref _generation);
        foreach (var key in _cache.Keys.Where(k => k.Subscription == subscriptionId))
        {
            _cache.TryRemove(key, out _);
        }
    }

    private async Task<AwsAccount?> ReadAsync(Guid subscriptionId, string accountId, CancellationToken ct)
    {
        await using var scope = scopes.CreateTenantScope(subscriptionId);
        var db = scope.ServiceProvider.GetRequiredService<ControlDbContext>();
        var target = await db.TargetAccounts.AsNoTracking().Where(a => a.AccountId == accountId)
            .Join(db.Connectors.AsNoTracking(), a => a.ConnectorId, c => c.Id, (a, c) => new { a.RoleArn, c.ExternalId, a.Regions, ConnectorRegions = c.Regions })
            .SingleOrDefaultAsync(ct).ConfigureAwait(false);
        if (target is not null)
        {
            return Account(accountId, target.RoleArn, target.ExternalId, target.Regions.Concat(target.ConnectorRegions));
        }

        var service = await db.ServiceAccounts.AsNoTracking().Where(a => a.AccountId == accountId)
            .Select(a => new { a.Regions, a.TargetRegions }).SingleOrDefaultAsync(ct).ConfigureAwait(false);
        return service is null ? null : Account(accountId, null, null, service.Regions.Concat(service.TargetRegions));
    }

    /// <summary>Null when no stored region is a region name (never so for a row the registration checked).</summary>
    private static AwsAccount? Account(string accountId, string? roleArn, string? externalId, IEnumerable<string> regions)
    {
        var valid = regions.Where(CloudScope.IsRegion).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return valid.Count == 0 ? null : new AwsAccount { AccountId = accountId, RoleArn = roleArn, ExternalId = externalId, Regions = valid };
    }

    private sealed record Entry(AwsAccount? Account, DateTimeOffset Expires);
}

using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Setup;

/// <summary>
/// Creates a subscription with its first admin (what <c>snapsight server init</c> and the demo do),
/// and sets its licence (<c>snapsight server licence</c>: the licence is issued on the host, never
/// through the API). Refuses, naming the clash or the bound, with a <see cref="SetupException"/>.
/// </summary>
public sealed class SubscriptionSetup(ControlDbContext db, UserAccounts users, AuditLog audit, TimeProvider clock)
{
    public async Task<(Subscription Subscription, User Admin)> CreateAsync(
        string subscriptionName, string username, string password, CancellationToken ct)
    {
        subscriptionName = SubscriptionName.Clean(subscriptionName) ?? throw new SetupException(SubscriptionName.Rule);

        // Set-up runs outside any tenant, so it looks across subscriptions on purpose.
        if (await db.Subscriptions.IgnoreQueryFilters().AnyAsync(s => s.Name == subscriptionName, ct).ConfigureAwait(false))
        {
            throw new SetupException($"a subscription named '{subscriptionName}' exists already");
        }

        var subscription = new Subscription { Id = Guid.NewGuid(), Name = subscriptionName, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Subscriptions.Add(subscription);
        var admin = await users.AddAsync(subscription.Id, username, password, UserRole.Admin, ct).ConfigureAwait(false);
        audit.Record("system", AuditActions.SubscriptionCreate, subscription.Id.ToString(), true, subscription.Id, null,
            $"first admin {admin.Username}");
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return (subscription, admin);
    }

    /// <summary>The subscription of that name; refused when there is none.</summary>
    public async Task<Subscription> FindAsync(string subscriptionName, CancellationToken ct) =>
        await db.Subscriptions.IgnoreQueryFilters().SingleOrDefaultAsync(s => s.Name == subscriptionName, ct).ConfigureAwait(false)
        ?? throw new SetupException($"there is no subscription named '{subscriptionName}'");

    /// <summary>
    /// Sets how many distinct IP addresses the subscription's activated assets may use; answers the
    /// limit it had. Lowering it below the addresses in use deactivates nothing: only new activations
    /// are refused until enough are freed.
    /// </summary>
    public async Task<int> SetLicenceAsync(string subscriptionName, int addresses, CancellationToken ct)
    {
        if (addresses is < 0 or > SubscriptionDefaults.MaxLicensedIpAddresses)
        {
            throw new SetupException($"a licence allows 0 to {SubscriptionDefaults.MaxLicensedIpAddresses} IP addresses, not {addresses}");
        }

        var subscription = await FindAsync(subscriptionName, ct).ConfigureAwait(false);
        var previous = subscription.LicensedIpAddresses;
        subscription.LicensedIpAddresses = addresses;
        audit.Record("system", AuditActions.SubscriptionLicence, subscription.Id.ToString(), true, subscription.Id, null,
            $"licensedIpAddresses: {previous} → {addresses}");
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return previous;
    }
}

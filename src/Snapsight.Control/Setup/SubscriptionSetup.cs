using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Setup;

/// <summary>
/// Creates a subscription with its first admin: what <c>snapsight server init</c> and the demo do.
/// Refuses, naming the clash, when the subscription or the user name exists already.
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
}

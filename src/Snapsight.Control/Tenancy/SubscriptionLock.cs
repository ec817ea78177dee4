using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Persistence;

namespace Snapsight.Control.Tenancy;

/// <summary>
/// Serialises the changes whose rule counts rows across the caller's subscription: the licence's
/// distinct activated addresses, and "at least one admin". Each such change runs in a transaction
/// whose first statement is <c>UPDATE Subscriptions SET LockVersion = LockVersion + 1</c> on the
/// caller's row. On PostgreSQL that takes the row's lock until commit, and under READ COMMITTED the
/// count that follows sees every change committed before the lock was granted; on SQLite the
/// transaction begins IMMEDIATE and the update holds the database's single write lock. Either way,
/// two such changes of one subscription never interleave (docs/control/licences-and-assets.md).
/// </summary>
public static class SubscriptionLock
{
    public static async Task<T> RunAsync<T>(ControlDbContext db, Func<Task<T>> change, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        // The query filter narrows this to the caller's subscription; no tenant means no row, and no change.
        var locked = await db.Subscriptions
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LockVersion, x => x.LockVersion + 1), ct).ConfigureAwait(false);
        if (locked != 1)
        {
            throw new InvalidOperationException("A subscription-wide change needs the request to act for one subscription.");
        }

        var result = await change().ConfigureAwait(false);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return result;
    }
}

using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Accounts;
using Snapsight.Control.Persistence;

namespace Snapsight.Server.Accounts;

/// <summary>The connectors and target accounts in their lists' order: the API's lists and the console's accounts page.</summary>
public static class AccountQueries
{
    /// <summary>By name; <paramref name="name"/> (optional) is a part of it.</summary>
    public static IOrderedQueryable<Connector> Connectors(ControlDbContext db, string? name)
    {
        var connectors = db.Connectors.AsNoTracking();
        if (!string.IsNullOrEmpty(name))
        {
            connectors = connectors.Where(c => c.Name.Contains(name));
        }

        return connectors.OrderBy(c => c.Name).ThenBy(c => c.Id);
    }

    public static IOrderedQueryable<TargetAccount> TargetAccounts(ControlDbContext db) =>
        db.TargetAccounts.AsNoTracking().OrderBy(a => a.AccountId);
}

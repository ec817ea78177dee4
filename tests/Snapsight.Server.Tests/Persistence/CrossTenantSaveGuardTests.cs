using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;
using Snapsight.Control.Tokens;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Persistence;

/// <summary>A request acting for one subscription cannot write a row, or an audit entry, into another.</summary>
public sealed class CrossTenantSaveGuardTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Rows_and_audit_entries_of_another_subscription_are_refused_and_own_ones_saved(DatabaseProvider database)
    {
        var server = await SharedServers.For(database);
        var a = await TestTenant.CreateAsync(server);
        var b = await TestTenant.CreateAsync(server);

        foreach (var (owner, refused) in new[] { (b.SubscriptionId, true), (a.SubscriptionId, false) })
        {
            await using var scope = server.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(a.SubscriptionId);
            var db = scope.ServiceProvider.GetRequiredService<ControlDbContext>();
            db.AuditEntries.Add(new AuditEntry { Actor = "test", Action = AuditActions.UserChange, SubscriptionId = owner, At = DateTime.UtcNow });
            await AssertSaveAsync(db, refused);

            scope.ServiceProvider.GetRequiredService<SubscriptionTokenService>().Issue(owner, Guid.Empty, 600);
            await AssertSaveAsync(db, refused);
        }
    }

    private static async Task AssertSaveAsync(ControlDbContext db, bool refused)
    {
        if (refused)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("another subscription", error.Message, StringComparison.Ordinal);
            db.ChangeTracker.Clear();
        }
        else
        {
            Assert.Equal(1, await db.SaveChangesAsync());
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Accounts;

internal static class RegisteredAccountMapping
{
    public static void Configure<T>(EntityTypeBuilder<T> account)
        where T : RegisteredAccount
    {
        account.Property(a => a.AccountId).HasMaxLength(12);
        account.Property(a => a.LastErrorCode).HasMaxLength(64);
        account.Property(a => a.LastErrorMessage).HasMaxLength(ControlLimits.AuditTextLength);
        account.HasOne<Subscription>().WithMany().HasForeignKey(a => a.SubscriptionId);
        // Deleting the connector deregisters what was registered on it (the API also audits each).
        account.HasOne<Connector>().WithMany().HasForeignKey(a => a.ConnectorId).OnDelete(DeleteBehavior.Cascade);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Snapsight.Control.Accounts;

internal sealed class ServiceAccountMapping : IEntityTypeConfiguration<ServiceAccount>
{
    public void Configure(EntityTypeBuilder<ServiceAccount> account)
    {
        RegisteredAccountMapping.Configure(account);
        // One per subscription, decided by the database: of two racing registrations one insert fails.
        account.HasIndex(a => a.SubscriptionId).IsUnique();
    }
}

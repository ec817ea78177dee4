using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Accounts;

internal sealed class ConnectorMapping : IEntityTypeConfiguration<Connector>
{
    public void Configure(EntityTypeBuilder<Connector> connector)
    {
        connector.Property(c => c.Name).HasMaxLength(ControlLimits.NameLength);
        connector.Property(c => c.Description).HasMaxLength(ConnectorRules.MaxDescriptionLength);
        connector.Property(c => c.Applications).HasMaxLength(64);
        connector.Property(c => c.RoleArn).HasMaxLength(RoleArn.MaxLength);
        connector.Property(c => c.AccountId).HasMaxLength(12);
        connector.Property(c => c.ExternalId).HasMaxLength(64);
        connector.HasIndex(c => new { c.SubscriptionId, c.Name }).IsUnique();
        // One connector per account and subscription: a registration names only the account.
        connector.HasIndex(c => new { c.SubscriptionId, c.AccountId }).IsUnique();
        connector.HasOne<Subscription>().WithMany().HasForeignKey(c => c.SubscriptionId);
    }
}

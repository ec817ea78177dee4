using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Snapsight.Control.Persistence;

namespace Snapsight.Control.Tenancy;

internal sealed class SubscriptionMapping : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> subscription)
    {
        subscription.Property(s => s.Name).HasMaxLength(ControlLimits.NameLength);
        subscription.HasIndex(s => s.Name).IsUnique();
    }
}

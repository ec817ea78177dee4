using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Tokens;

internal sealed class SubscriptionTokenMapping : IEntityTypeConfiguration<SubscriptionToken>
{
    public void Configure(EntityTypeBuilder<SubscriptionToken> token)
    {
        token.Property(t => t.ValueHash).HasMaxLength(32);
        token.HasIndex(t => t.ValueHash).IsUnique();
        token.HasOne<Subscription>().WithMany().HasForeignKey(t => t.SubscriptionId);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Snapsight.Control.Persistence;

namespace Snapsight.Control.Tenancy;

internal sealed class UserMapping : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> user)
    {
        user.Property(u => u.Username).HasMaxLength(ControlLimits.UsernameLength);
        user.Property(u => u.NormalizedUsername).HasMaxLength(ControlLimits.UsernameLength);
        user.Property(u => u.PasswordHash).HasMaxLength(256);
        user.HasIndex(u => u.NormalizedUsername).IsUnique();
        user.HasOne<Subscription>().WithMany().HasForeignKey(u => u.SubscriptionId);
    }
}

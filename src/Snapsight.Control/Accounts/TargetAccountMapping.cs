using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Snapsight.Control.Persistence;

namespace Snapsight.Control.Accounts;

internal sealed class TargetAccountMapping : IEntityTypeConfiguration<TargetAccount>
{
    public void Configure(EntityTypeBuilder<TargetAccount> account)
    {
        RegisteredAccountMapping.Configure(account);
        account.Property(a => a.RoleArn).HasMaxLength(RoleArn.MaxLength);
        account.Property(a => a.DiscoveryError).HasMaxLength(ControlLimits.AuditTextLength);
        account.HasIndex(a => new { a.SubscriptionId, a.AccountId }).IsUnique();
    }
}

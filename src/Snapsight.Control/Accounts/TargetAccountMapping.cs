using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Snapsight.Control.Accounts;

internal sealed class TargetAccountMapping : IEntityTypeConfiguration<TargetAccount>
{
    public void Configure(EntityTypeBuilder<TargetAccount> account)
    {
        RegisteredAccountMapping.Configure(account);
        account.Property(a => a.RoleArn).HasMaxLength(RoleArn.MaxLength);
        account.HasIndex(a => new { a.SubscriptionId, a.AccountId }).IsUnique();
    }
}

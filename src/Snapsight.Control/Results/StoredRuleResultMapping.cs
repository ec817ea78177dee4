using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Snapsight.Control.Results;

internal sealed class StoredRuleResultMapping : IEntityTypeConfiguration<StoredRuleResult>
{
    public void Configure(EntityTypeBuilder<StoredRuleResult> rule)
    {
        rule.Property(r => r.Profile).HasMaxLength(ResultLimits.IdentifierLength);
        rule.Property(r => r.RuleId).HasMaxLength(ResultLimits.IdentifierLength);
        rule.Property(r => r.Title).HasMaxLength(ResultLimits.TextLength);
        rule.Property(r => r.Severity).HasMaxLength(ResultLimits.IdentifierLength);
        rule.HasIndex(r => new { r.RunId, r.Profile, r.RuleId });
        rule.HasIndex(r => new { r.AssetId, r.Profile, r.RuleId });
        rule.HasOne<StoredRun>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

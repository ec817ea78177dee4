using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Snapsight.Control.Assets;
using Snapsight.Control.Results;
using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Assessments;

internal sealed class ApiAssessmentMapping : IEntityTypeConfiguration<ApiAssessment>
{
    public void Configure(EntityTypeBuilder<ApiAssessment> assessment)
    {
        // One per asset: the next assessment replaces it (idempotency by a unique index).
        assessment.HasIndex(a => a.AssetId).IsUnique();
        assessment.Property(a => a.Source).HasMaxLength(ResultLimits.IdentifierLength);
        assessment.Property(a => a.OsFamily).HasMaxLength(ResultLimits.IdentifierLength);
        assessment.Property(a => a.OsName).HasMaxLength(ResultLimits.IdentifierLength);
        assessment.Property(a => a.OsVersion).HasMaxLength(ResultLimits.IdentifierLength);
        assessment.HasOne<Asset>().WithMany().HasForeignKey(a => a.AssetId).OnDelete(DeleteBehavior.Cascade);
        assessment.HasOne<Subscription>().WithMany().HasForeignKey(a => a.SubscriptionId);
    }
}

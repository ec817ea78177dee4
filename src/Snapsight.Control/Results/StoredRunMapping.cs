using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Snapsight.Control.Assets;
using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Results;

internal sealed class StoredRunMapping : IEntityTypeConfiguration<StoredRun>
{
    public void Configure(EntityTypeBuilder<StoredRun> run)
    {
        // The run id is the key: a second store of the run cannot add a second row (idempotency by index).
        run.Property(r => r.Id).ValueGeneratedNever();
        run.Property(r => r.OsFamily).HasMaxLength(ResultLimits.IdentifierLength);
        run.Property(r => r.OsName).HasMaxLength(ResultLimits.IdentifierLength);
        run.Property(r => r.OsVersion).HasMaxLength(ResultLimits.IdentifierLength);
        // Dollars to a millionth: a thousand GetSnapshotBlock calls cost $0.003.
        run.Property(r => r.EstimatedCostUsd).HasPrecision(18, 6);
        run.HasIndex(r => new { r.AssetId, r.CompletedAt });
        run.HasIndex(r => new { r.SubscriptionId, r.IsCurrent });
        run.HasOne<Asset>().WithMany().HasForeignKey(r => r.AssetId);
        run.HasOne<Subscription>().WithMany().HasForeignKey(r => r.SubscriptionId);
    }
}

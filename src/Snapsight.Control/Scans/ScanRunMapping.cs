using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Snapsight.Control.Assets;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Scans;

internal sealed class ScanRunMapping : IEntityTypeConfiguration<ScanRun>
{
    public void Configure(EntityTypeBuilder<ScanRun> run)
    {
        run.Property(r => r.CloudAccountId).HasMaxLength(DiscoveredAsset.AccountIdLength);
        run.Property(r => r.Region).HasMaxLength(DiscoveredAsset.MaxRegionLength);
        run.Property(r => r.InstanceId).HasMaxLength(DiscoveredAsset.MaxInstanceIdLength);
        run.Property(r => r.ReasonCode).HasMaxLength(ScanReasons.MaxLength);
        run.Property(r => r.LastError).HasMaxLength(ControlLimits.AuditTextLength);
        run.Property(r => r.WaitReason).HasMaxLength(ScanReasons.MaxLength);
        run.Property(r => r.WaitDetail).HasMaxLength(ControlLimits.AuditTextLength);
        run.Property(r => r.ReasonDetail).HasMaxLength(ControlLimits.AuditTextLength);
        // At most one active run per asset; NULLs (finished runs) never collide, on SQLite and PostgreSQL alike.
        run.HasIndex(r => new { r.SubscriptionId, r.ActiveAssetId }).IsUnique();
        // The driver's question: which runs are due?
        run.HasIndex(r => new { r.SubscriptionId, r.FinishedAt, r.NextAttemptAt });
        run.HasIndex(r => new { r.SubscriptionId, r.AssetId });
        run.HasOne<Subscription>().WithMany().HasForeignKey(r => r.SubscriptionId);
        run.HasOne<Asset>().WithMany().HasForeignKey(r => r.AssetId).OnDelete(DeleteBehavior.Cascade);
    }
}

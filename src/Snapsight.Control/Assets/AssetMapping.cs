using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Snapsight.Cloud.Aws.Templates;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Assets;

internal sealed class AssetMapping : IEntityTypeConfiguration<Asset>
{
    public void Configure(EntityTypeBuilder<Asset> asset)
    {
        asset.Property(a => a.CloudAccountId).HasMaxLength(DiscoveredAsset.AccountIdLength);
        asset.Property(a => a.Region).HasMaxLength(DiscoveredAsset.MaxRegionLength);
        asset.Property(a => a.InstanceId).HasMaxLength(DiscoveredAsset.MaxInstanceIdLength);
        asset.Property(a => a.Name).HasMaxLength(ScanTag.MaxValueLength);
        asset.Property(a => a.PrivateIpAddress).HasMaxLength(DiscoveredAsset.MaxIpAddressLength);
        asset.Property(a => a.PublicIpAddress).HasMaxLength(DiscoveredAsset.MaxIpAddressLength);
        asset.Property(a => a.LicensedIpAddress).HasMaxLength(DiscoveredAsset.MaxIpAddressLength);
        asset.Property(a => a.ActivationReason).HasMaxLength(32);
        asset.OwnsMany(a => a.Tags, tag =>
        {
            tag.ToTable("AssetTags");
            // A key appears once per instance, so it is the natural key: no generated column (SQLite
            // generates only a lone INTEGER PRIMARY KEY, not one inside a composite key).
            tag.WithOwner().HasForeignKey("AssetId");
            tag.HasKey("AssetId", nameof(AssetTag.Key));
            tag.Property(t => t.Key).HasMaxLength(ScanTag.MaxKeyLength);
            tag.Property(t => t.Value).HasMaxLength(ScanTag.MaxValueLength);
            tag.HasIndex(t => new { t.Key, t.Value });
        });
        // Discovery upserts by this key; the index makes a duplicate impossible, not merely unlikely.
        asset.HasIndex(a => new { a.SubscriptionId, a.CloudAccountId, a.Region, a.InstanceId }).IsUnique();
        // The licence counts distinct activated addresses per subscription.
        asset.HasIndex(a => new { a.SubscriptionId, a.Activation, a.LicensedIpAddress });
        // The scan schedule reads active running assets by their last scan (docs/control/discovery-and-scheduling.md).
        asset.HasIndex(a => new { a.SubscriptionId, a.Activation, a.State, a.LastScanCompletedAt });
        asset.HasOne<Subscription>().WithMany().HasForeignKey(a => a.SubscriptionId);
    }
}

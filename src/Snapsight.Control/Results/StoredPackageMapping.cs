using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Snapsight.Control.Results;

internal sealed class StoredPackageMapping : IEntityTypeConfiguration<StoredPackage>
{
    public void Configure(EntityTypeBuilder<StoredPackage> package)
    {
        package.Ignore(p => p.Key);
        package.Property(p => p.Type).HasMaxLength(ResultLimits.IdentifierLength);
        package.Property(p => p.Name).HasMaxLength(ResultLimits.IdentifierLength);
        package.Property(p => p.Version).HasMaxLength(ResultLimits.IdentifierLength);
        package.Property(p => p.Arch).HasMaxLength(ResultLimits.IdentifierLength);
        package.Property(p => p.Purl).HasMaxLength(ResultLimits.TextLength);
        package.Property(p => p.Source).HasMaxLength(ResultLimits.IdentifierLength);
        package.HasIndex(p => new { p.RunId, p.Type, p.Name });
        // An asset's current packages, in the list's order.
        package.HasIndex(p => new { p.AssetId, p.Type, p.Name });
        package.HasOne<StoredRun>().WithMany().HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

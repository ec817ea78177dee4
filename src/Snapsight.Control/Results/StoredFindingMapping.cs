using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Snapsight.Control.Results;

internal sealed class StoredFindingMapping : IEntityTypeConfiguration<StoredFinding>
{
    public void Configure(EntityTypeBuilder<StoredFinding> finding)
    {
        finding.Ignore(f => f.Key);
        finding.Property(f => f.VulnerabilityId).HasMaxLength(ResultLimits.IdentifierLength);
        finding.Property(f => f.PackageName).HasMaxLength(ResultLimits.IdentifierLength);
        finding.Property(f => f.InstalledVersion).HasMaxLength(ResultLimits.IdentifierLength);
        finding.Property(f => f.FixedVersion).HasMaxLength(ResultLimits.IdentifierLength);
        finding.Property(f => f.Remediation).HasMaxLength(ResultLimits.TextLength);
        finding.OwnsMany(f => f.Aliases, alias =>
        {
            alias.ToTable("StoredFindingAliases");
            // An alias appears once per finding, so it is the natural key (no generated column, as for asset tags).
            alias.WithOwner().HasForeignKey("FindingId");
            alias.HasKey("FindingId", nameof(FindingAlias.Alias));
            alias.Property(a => a.Alias).HasMaxLength(ResultLimits.IdentifierLength);
            alias.HasIndex(a => a.Alias);
        });
        finding.HasIndex(f => new { f.RunId, f.VulnerabilityId, f.PackageName });
        finding.HasIndex(f => new { f.AssetId, f.VulnerabilityId });
        finding.HasIndex(f => f.VulnerabilityId);
        finding.HasIndex(f => f.PackageName);
        finding.HasOne<StoredRun>().WithMany().HasForeignKey(f => f.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

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
        finding.Property(f => f.PackageType).HasMaxLength(ResultLimits.IdentifierLength);
        finding.Property(f => f.PackageLocation).HasMaxLength(ResultLimits.TextLength);
        finding.Property(f => f.MatchedName).HasMaxLength(ResultLimits.IdentifierLength);
        finding.Property(f => f.MatchedVersion).HasMaxLength(ResultLimits.IdentifierLength);
        // Read only with its finding, never filtered on: one JSON column rather than a table of millions of rows.
        finding.OwnsMany(f => f.Matches, match => match.ToJson());
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
        // The findings list's order (ResultQueries.Ordered): a page is read off the index, never sorted (bench/console).
        finding.HasIndex(f => new { f.VulnerabilityId, f.PackageName, f.AssetId, f.Id });
        // By package, with what the grouping by package reads (and the current-run check's RunId), so its
        // pages come off the index alone: the rows of one package lie all over the table.
        finding.HasIndex(f => new { f.PackageName, f.SubscriptionId, f.RunId, f.AssetId, f.Severity, f.EpssScore, f.Kev });
        // The dashboard's highest EPSS; and the filters, so the console's capped count reads an index, not the table.
        finding.HasIndex(f => f.EpssScore);
        finding.HasIndex(f => f.Severity);
        finding.HasIndex(f => f.Kev);
        finding.HasOne<StoredRun>().WithMany().HasForeignKey(f => f.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

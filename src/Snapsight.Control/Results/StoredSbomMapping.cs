using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Snapsight.Control.Results;

internal sealed class StoredSbomMapping : IEntityTypeConfiguration<StoredSbom>
{
    public void Configure(EntityTypeBuilder<StoredSbom> sbom)
    {
        // One document per format per run.
        sbom.HasIndex(s => new { s.RunId, s.Format }).IsUnique();
        sbom.HasOne<StoredRun>().WithMany().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

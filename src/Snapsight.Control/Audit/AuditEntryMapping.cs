using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Snapsight.Control.Persistence;

namespace Snapsight.Control.Audit;

internal sealed class AuditEntryMapping : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.Property(e => e.Actor).HasMaxLength(ControlLimits.AuditTextLength);
        entry.Property(e => e.Action).HasMaxLength(64);
        entry.Property(e => e.Target).HasMaxLength(ControlLimits.AuditTextLength);
        entry.Property(e => e.Detail).HasMaxLength(ControlLimits.AuditTextLength);
        entry.Property(e => e.Client).HasMaxLength(ControlLimits.AuditTextLength);
        entry.HasIndex(e => new { e.SubscriptionId, e.At });
    }
}

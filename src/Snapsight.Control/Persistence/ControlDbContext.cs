using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Snapsight.Control.Accounts;
using Snapsight.Control.Assessments;
using Snapsight.Control.Assets;
using Snapsight.Control.Audit;
using Snapsight.Control.Results;
using Snapsight.Control.Scans;
using Snapsight.Control.Tenancy;
using Snapsight.Control.Tokens;

namespace Snapsight.Control.Persistence;

/// <summary>
/// The control plane's database. Every <see cref="ITenantOwned"/> row is filtered to the caller's
/// subscription by a global query filter, and saving a row into another subscription is refused,
/// so a missing check in an endpoint cannot leak or change another tenant's data. Code that must
/// look across subscriptions (sign-in, token look-up) says so with <c>IgnoreQueryFilters</c>, and
/// a test keeps that to an allow-list of files.
/// </summary>
public abstract class ControlDbContext(DbContextOptions options, TenantContext tenant) : DbContext(options)
{
    /// <summary>Read by the query filters at query time; EF Core makes it a parameter.</summary>
    public Guid? CurrentSubscriptionId => tenant.SubscriptionId;

    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    public DbSet<User> Users => Set<User>();

    public DbSet<SubscriptionToken> SubscriptionTokens => Set<SubscriptionToken>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Asset> Assets => Set<Asset>();

    public DbSet<Connector> Connectors => Set<Connector>();

    public DbSet<ServiceAccount> ServiceAccounts => Set<ServiceAccount>();

    public DbSet<TargetAccount> TargetAccounts => Set<TargetAccount>();

    public DbSet<StoredRun> StoredRuns => Set<StoredRun>();

    public DbSet<StoredPackage> StoredPackages => Set<StoredPackage>();

    public DbSet<StoredFinding> StoredFindings => Set<StoredFinding>();

    public DbSet<StoredRuleResult> StoredRuleResults => Set<StoredRuleResult>();

    public DbSet<StoredSbom> StoredSboms => Set<StoredSbom>();
    public DbSet<ScanRun> ScanRuns => Set<ScanRun>();

    public DbSet<ApiAssessment> ApiAssessments => Set<ApiAssessment>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var autoDetect = DetectChangesOnce();
        try
        {
            RefuseCrossTenantWrites();
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var autoDetect = DetectChangesOnce();
        try
        {
            RefuseCrossTenantWrites();
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>
    /// Brings every entry's state up to date once for the whole save (the check below and EF's own
    /// save would each scan every tracked entity again: a result holds hundreds of rows) and turns the
    /// automatic scans off until the save is done; answers whether they were on, to restore.
    /// </summary>
    private bool DetectChangesOnce()
    {
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        if (autoDetect)
        {
            ChangeTracker.DetectChanges();
        }

        ChangeTracker.AutoDetectChangesEnabled = false;
        return autoDetect;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every time is UTC. SQLite hands DateTime back unspecified and Npgsql insists on UTC for
        // timestamptz, so the kind is stated on the way in and out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Each entity's mapping sits beside it, in an IEntityTypeConfiguration (e.g. Tenancy/UserMapping.cs).
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ControlDbContext).Assembly);
        // A subscription is visible to its own users only, like the rows it owns.
        modelBuilder.Entity<Subscription>().HasQueryFilter(s => s.Id == CurrentSubscriptionId);
        // Audit entries may belong to no subscription (a sign-in with an unknown name): those are seen by none.
        modelBuilder.Entity<AuditEntry>().HasQueryFilter(e => e.SubscriptionId == CurrentSubscriptionId);

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (typeof(ITenantOwned).IsAssignableFrom(entity.ClrType))
            {
                entity.SetQueryFilter(TenantFilter(entity.ClrType));
            }
        }
    }

    private LambdaExpression TenantFilter(Type entityType)
    {
        // e => e.SubscriptionId == this.CurrentSubscriptionId
        var row = Expression.Parameter(entityType, "e");
        var owner = Expression.Convert(Expression.Property(row, nameof(ITenantOwned.SubscriptionId)), typeof(Guid?));
        var current = Expression.Property(Expression.Constant(this), nameof(CurrentSubscriptionId));
        return Expression.Lambda(Expression.Equal(owner, current), row);
    }

    private void RefuseCrossTenantWrites()
    {
        if (tenant.SubscriptionId is not { } current)
        {
            // Rows written outside a request (set-up, sign-in bookkeeping) carry their own subscription.
            return;
        }

        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            if (entry.Entity is ITenantOwned owned && owned.SubscriptionId != current)
            {
                throw new InvalidOperationException(
                    $"Refused to save a {entry.Metadata.ClrType.Name} of another subscription.");
            }

            // Audit entries are not ITenantOwned (an unknown name's sign-in belongs to no one), but one
            // written in a request must not land in another subscription's log either.
            if (entry is { Entity: AuditEntry { SubscriptionId: { } owner }, State: EntityState.Added } && owner != current)
            {
                throw new InvalidOperationException("Refused to save an audit entry into another subscription's log.");
            }
        }
    }

    // A time without a kind is taken to be UTC already (never shifted by the host's zone); a local one is converted.
    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        value => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

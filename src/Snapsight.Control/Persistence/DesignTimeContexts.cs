using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Persistence;

/// <summary>
/// What `dotnet ef migrations add` uses to build each provider's model; no database is opened.
/// docs/control/persistence.md says how to add a migration for both providers.
/// </summary>
public sealed class SqliteDesignTimeContext : IDesignTimeDbContextFactory<SqliteControlDbContext>
{
    public SqliteControlDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteControlDbContext>().UseSqlite("Data Source=design.db").Options,
            new TenantContext());
}

/// <inheritdoc cref="SqliteDesignTimeContext"/>
public sealed class PostgresDesignTimeContext : IDesignTimeDbContextFactory<PostgresControlDbContext>
{
    public PostgresControlDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresControlDbContext>().UseNpgsql("Host=localhost").Options,
            new TenantContext());
}

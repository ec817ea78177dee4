using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;

namespace Snapsight.Server.Tests.Persistence;

/// <summary>The committed migrations describe the model exactly, for both providers.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void Sqlite_migrations_are_up_to_date_with_the_model()
    {
        using var db = new SqliteDesignTimeContext().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "run scripts/regenerate-migrations");
    }

    [Fact]
    public void Postgres_migrations_are_up_to_date_with_the_model()
    {
        using var db = new PostgresDesignTimeContext().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "run scripts/regenerate-migrations");
    }

    [Fact]
    public async Task A_migrated_sqlite_database_keeps_a_write_ahead_log()
    {
        await using var server = await Support.RunningServer.StartAsync(DatabaseProvider.Sqlite);
        using var scope = server.Services.CreateScope();
        var connection = scope.ServiceProvider.GetRequiredService<ControlDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        // The mode is the file's: a new connection reads it from the database, not from this process's settings.
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Every_tenant_owned_entity_is_filtered_by_subscription()
    {
        await using var server = await Support.RunningServer.StartAsync(DatabaseProvider.Sqlite);
        using var scope = server.Services.CreateScope();
        var db = (DbContext)scope.ServiceProvider.GetService(typeof(ControlDbContext))!;

        var unfiltered = db.Model.GetEntityTypes()
            .Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType) && e.GetDeclaredQueryFilters().Count == 0)
            .Select(e => e.ClrType.Name).ToList();

        Assert.Empty(unfiltered);
    }
}

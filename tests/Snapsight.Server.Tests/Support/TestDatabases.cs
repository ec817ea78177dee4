using Npgsql;
using Snapsight.Control.Persistence;

namespace Snapsight.Server.Tests.Support;

/// <summary>
/// The two databases every control-plane test runs against: SQLite in a temporary data folder, and a
/// fresh database on the real PostgreSQL server scripts/start-postgres runs (its connection string in
/// SNAPSIGHT_TEST_POSTGRES; scripts/test sets it).
/// </summary>
public static class TestDatabases
{
    public const string PostgresVariable = "SNAPSIGHT_TEST_POSTGRES";

    public static TheoryData<DatabaseProvider> Both => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    /// <summary>Creates an empty PostgreSQL database and answers its connection string.</summary>
    public static string CreatePostgresDatabase()
    {
        var server = ServerConnectionString();
        var name = "snapsight_test_" + Guid.NewGuid().ToString("N")[..16];
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        create.ExecuteNonQuery();
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public static void DropPostgresDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(ServerConnectionString());
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }

    private static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{PostgresVariable} is not set: run scripts/start-postgres and export what it prints (scripts/test does both).");
}

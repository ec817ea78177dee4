namespace Snapsight.Control.Persistence;

/// <summary>The provider and its connection string, decided once from the server's configuration.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string SqliteFileName = "snapsight.db";

    /// <summary>
    /// PostgreSQL when a connection string is configured, otherwise SQLite in the data folder.
    /// </summary>
    public static DatabaseSettings Choose(string dataDirectory, string? postgresConnectionString) =>
        string.IsNullOrWhiteSpace(postgresConnectionString)
            ? new DatabaseSettings(DatabaseProvider.Sqlite,
                $"Data Source={Path.Combine(dataDirectory, SqliteFileName)};Pooling=True")
            : new DatabaseSettings(DatabaseProvider.PostgreSql, postgresConnectionString);
}

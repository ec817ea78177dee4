using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Snapsight.Advisories.Store;

/// <summary>Opening a store file, and reading the schema version it declares.</summary>
internal static class StoreConnection
{
    public static SqliteConnection Open(string path, bool readOnly)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>The schema version the file declares; null for a file with no store in it yet.</summary>
    public static int? SchemaVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'";
        if ((long)command.ExecuteScalar()! == 0)
        {
            return null;
        }

        command.CommandText = "SELECT value FROM meta WHERE key = 'schema_version'";
        return command.ExecuteScalar() is string text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1;
    }
}

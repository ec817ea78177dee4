using Microsoft.Data.Sqlite;

namespace Snapsight.Advisories.Store;

/// <summary>Prepared statements with positional parameters: the store runs the same few statements thousands of times.</summary>
internal static class PreparedCommands
{
    public static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction? transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    /// <summary>Binds the values in parameter order; null becomes SQL NULL.</summary>
    public static void Set(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}

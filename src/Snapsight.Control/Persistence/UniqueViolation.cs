using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Snapsight.Control.Persistence;

/// <summary>Tells a failed save that broke a unique index (the loser of a race) from any other failure.</summary>
public static class UniqueViolation
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;

    // A duplicate primary key is reported apart from other unique indexes (https://sqlite.org/rescode.html#constraint_primarykey).
    private const int SqliteConstraintPrimaryKey = 1555;

    public static bool Is(DbUpdateException failure) => failure?.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
            && sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Snapsight.Server.Tests.Results;

/// <summary>Throws when a command inserts into <paramref name="table"/>: a store that fails after it has begun writing.</summary>
public sealed class FailingInsert(string table) : DbCommandInterceptor
{
    public int Executed { get; private set; }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Check(DbCommand command)
    {
        if (command.CommandText.Contains("INSERT INTO", StringComparison.Ordinal)
            && command.CommandText.Contains($"\"{table}\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"injected failure on the insert into {table}");
        }

        Executed++;
    }
}

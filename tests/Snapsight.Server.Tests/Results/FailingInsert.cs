using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Snapsight.Server.Tests.Results;

/// <summary>Throws when a command inserts into <paramref name="table"/>: a store that fails after it has begun writing.</summary>
public sealed partial class FailingInsert(string table) : DbCommandInterceptor
{
    /// <summary>The tables inserted into before the failure: proof that the store had begun writing.</summary>
    public List<string> InsertedBefore { get; } = [];

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
        if (InsertInto().Match(command.CommandText) is not { Success: true } insert)
        {
            return;
        }

        if (insert.Groups[1].Value == table)
        {
            throw new InvalidOperationException($"injected failure on the insert into {table}");
        }

        InsertedBefore.Add(insert.Groups[1].Value);
    }

    [GeneratedRegex("INSERT INTO \"(\\w+)\"")]
    private static partial Regex InsertInto();
}

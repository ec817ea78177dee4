using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Persistence;

/// <summary>
/// Inserts many new rows of one flat entity type (no owned or JSON parts) in a few multi-row
/// <c>INSERT</c> statements, in the context's current transaction, without the change tracker: a
/// stored result writes hundreds of package and rule rows, and tracking each one, then generating and
/// binding an <c>INSERT</c> per row, was the largest part of storing it. The columns, their order and
/// every value's conversion come from the EF model, exactly as EF's own save binds them; the rows are
/// not tracked afterwards. The tenant rule of <see cref="ControlDbContext"/>'s save holds here too:
/// a row of another subscription is refused before anything is written.
/// </summary>
internal static class BulkInsert
{
    /// <summary>
    /// Bound parameters per statement (20 rows of 10 columns). Small on purpose: SQLite finds a named
    /// parameter's slot by a linear search of the statement's names, so binding costs the square of a
    /// statement's parameters (at 4,000 a statement that search was more CPU than EF's own save).
    /// </summary>
    private const int MaxParameters = 200;

    public static async Task AddAsync<T>(ControlDbContext db, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class, ITenantOwned
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (rows.Any(r => r.SubscriptionId != db.CurrentSubscriptionId))
        {
            throw new InvalidOperationException($"Refusing to insert a {typeof(T).Name} into another subscription.");
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A bulk insert runs inside the caller's transaction, so that it commits with the rest.");
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        if (entity.GetNavigations().Any() || entity.GetProperties().Any(p => p.IsShadowProperty() || p.GetDefaultValueSql() is not null
                || p.GetComputedColumnSql() is not null))
        {
            throw new InvalidOperationException($"{typeof(T).Name} has parts its rows do not hold (owned or related entities, shadow, default or computed columns).");
        }

        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Select(p => (Property: p, Column: p.GetColumnName(table)!, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping()))
            .ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column)))}) VALUES ";
        var perStatement = Math.Max(1, MaxParameters / columns.Count);
        // Only makes the parameters, each as the provider's type mapping binds it (conversions included); EF runs the statement,
        // in the current transaction and past the context's interceptors and logging, like its own commands.
        await using var parameterFactory = db.Database.GetDbConnection().CreateCommand();
        foreach (var chunk in rows.Chunk(perStatement))
        {
            var parameters = new List<DbParameter>(chunk.Length * columns.Count);
            foreach (var row in chunk)
            {
                foreach (var (property, _, mapping) in columns)
                {
                    parameters.Add(mapping.CreateParameter(parameterFactory, sql.GenerateParameterName($"p{parameters.Count}"),
                        property.GetGetter().GetClrValue(row), property.IsNullable));
                }
            }

            await db.Database.ExecuteSqlRawAsync(Statement(head, chunk.Length, columns.Count, sql), parameters, ct).ConfigureAwait(false);
        }
    }

    private static string Statement(string head, int rows, int columns, ISqlGenerationHelper sql)
    {
        var text = new StringBuilder(head, head.Length + (rows * columns * 8));
        var index = 0;
        for (var row = 0; row < rows; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < columns; column++)
            {
                text.Append(column == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder($"p{index++}"));
            }

            text.Append(')');
        }

        return text.ToString();
    }
}

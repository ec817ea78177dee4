using System.Globalization;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Tenancy;

/// <summary>
/// Every row one subscription sees in the database, read straight from it with the tenant's query
/// filters on: every entity type of the model, every column, in a stable order. Two readings are
/// equal exactly when nothing of the tenant changed in between.
/// </summary>
public sealed class TenantRows
{
    private static readonly MethodInfo ReadAllMethod =
        typeof(TenantRows).GetMethod(nameof(ReadAllAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly IReadOnlyDictionary<Type, IReadOnlyList<Row>> rows;

    private TenantRows(IReadOnlyDictionary<Type, IReadOnlyList<Row>> rows) => this.rows = rows;

    /// <summary>The entity types whose rows belong to a subscription (those the model filters by tenant).</summary>
    public IEnumerable<Type> EntityTypes => rows.Keys;

    public static async Task<TenantRows> ReadAsync(RunningServer server, Guid subscription)
    {
        await using var scope = server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(subscription);
        var db = scope.ServiceProvider.GetRequiredService<ControlDbContext>();
        var read = new Dictionary<Type, IReadOnlyList<Row>>();
        foreach (var type in TenantScopedTypes(db.Model))
        {
            read[type.ClrType] = await (Task<IReadOnlyList<Row>>)ReadAllMethod.MakeGenericMethod(type.ClrType).Invoke(null, [db])!;
        }

        return new TenantRows(read);
    }

    /// <summary>Entity types with a query filter; the others are seen alike by every tenant.</summary>
    public static IEnumerable<IEntityType> TenantScopedTypes(IModel model) =>
        model.GetEntityTypes().Where(t => t.GetDeclaredQueryFilters().Count > 0).OrderBy(t => t.ClrType.Name, StringComparer.Ordinal);

    public IReadOnlyList<Row> Of(Type entity) => rows[entity];

    /// <summary>The key of the <paramref name="index"/>th row of <paramref name="entity"/>, as it appears in a URL.</summary>
    public string IdOf(Type entity, int index) => index < rows[entity].Count
        ? rows[entity][index].Key
        : throw new InvalidOperationException($"the tenant has no {entity.Name} number {index + 1}; seed some in {nameof(IsolationSeed)}");

    /// <summary>
    /// Values that only these rows hold (ids, names, hashes) and <paramref name="other"/> never does:
    /// finding one in the other tenant's answer means something of this tenant leaked into it.
    /// </summary>
    public IReadOnlySet<string> ValuesNotIn(TenantRows other)
    {
        var theirs = other.rows.Values.SelectMany(r => r).SelectMany(r => r.Values.Values).ToHashSet(StringComparer.Ordinal);
        return rows.Values.SelectMany(r => r).SelectMany(r => r.SearchableValues)
            .Where(v => !theirs.Contains(v)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>What changed from <paramref name="before"/> to this reading, one line per row; empty when nothing did.</summary>
    public IReadOnlyList<string> ChangesSince(TenantRows before)
    {
        var was = before.rows.SelectMany(t => t.Value.Select(r => $"{t.Key.Name} {r}")).ToHashSet(StringComparer.Ordinal);
        var now = rows.SelectMany(t => t.Value.Select(r => $"{t.Key.Name} {r}")).ToHashSet(StringComparer.Ordinal);
        return [.. was.Except(now).Select(r => "- " + r), .. now.Except(was).Select(r => "+ " + r)];
    }

    private static async Task<IReadOnlyList<Row>> ReadAllAsync<T>(ControlDbContext db)
        where T : class
    {
        var key = db.Model.FindEntityType(typeof(T))!.FindPrimaryKey()!.Properties.Single().Name;
        var entities = await db.Set<T>().ToListAsync();
        return entities.Select(e => new Row(key, db.Entry(e).Properties.ToDictionary(
            p => p.Metadata.Name, p => Text(p.CurrentValue), StringComparer.Ordinal)))
            .OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
    }

    private static string Text(object? value) => value switch
    {
        null => "null",
        byte[] bytes => Convert.ToHexString(bytes),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>One row: its key and every column as text.</summary>
    public sealed record Row(string KeyName, IReadOnlyDictionary<string, string> Values)
    {
        public string Key => Values[KeyName];

        /// <summary>Values distinctive enough to search an answer for: ids and longer text, not flags, counts or times.</summary>
        public IEnumerable<string> SearchableValues => Values.Values.Where(v => Guid.TryParse(v, out _) || (v.Length >= 8 && !DateTime.TryParse(v, CultureInfo.InvariantCulture, out _)));

        public override string ToString() => string.Join("; ", Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"));
    }
}

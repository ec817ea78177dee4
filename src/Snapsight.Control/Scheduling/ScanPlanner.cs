namespace Snapsight.Control.Scheduling;

/// <summary>
/// Picks the next batch from due assets in schedule order: skips assets already being scanned, and
/// never lets an account and region hold more than <c>perScopeLimit</c> scans, counting the running
/// ones. Pure, so the bound can be checked as a property.
/// </summary>
public static class ScanPlanner
{
    public static List<T> Take<T>(IEnumerable<T> due, Func<T, (Guid Id, AccountRegion Scope)> key, int perScopeLimit,
        IReadOnlyCollection<RunningScan> running, int max)
    {
        ArgumentNullException.ThrowIfNull(due);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(running);
        ArgumentOutOfRangeException.ThrowIfNegative(perScopeLimit);
        var busy = running.Select(r => r.AssetId).ToHashSet();
        var inScope = running.GroupBy(r => r.Scope).ToDictionary(g => g.Key, g => g.Count());
        var batch = new List<T>();
        foreach (var asset in due)
        {
            if (batch.Count >= max)
            {
                break;
            }

            var (id, scope) = key(asset);
            var count = inScope.GetValueOrDefault(scope);
            if (count < perScopeLimit && busy.Add(id))
            {
                inScope[scope] = count + 1;
                batch.Add(asset);
            }
        }

        return batch;
    }
}

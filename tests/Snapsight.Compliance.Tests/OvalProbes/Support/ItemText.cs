using Snapsight.Compliance.Oval.Evaluation;

namespace Snapsight.Compliance.Tests.OvalProbes.Support;

/// <summary>Items as comparable text, one line per item, entities in name order, optionally leaving some entities out.</summary>
internal static class ItemText
{
    public static IReadOnlyList<string> Of(IEnumerable<IReadOnlyDictionary<string, IReadOnlyList<string>>> items, params string[] without) =>
        [.. items.Select(item => string.Join("; ", item
                .Where(e => !without.Contains(e.Key))
                .OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => $"{e.Key}={string.Join("|", e.Value)}")))
            .Order(StringComparer.Ordinal)];

    public static IReadOnlyList<string> Of(CollectedObject collected, params string[] without) => Of(collected.Items.Select(i => i.Entities), without);
}

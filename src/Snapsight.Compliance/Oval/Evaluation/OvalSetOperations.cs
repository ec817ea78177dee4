namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>
/// The set operators of OVAL 5.11 objects (SetOperatorEnumeration) on collected items. Two
/// items are the same item when their evidence and every entity value are the same.
/// </summary>
internal static class OvalSetOperations
{
    public static IReadOnlyList<OvalItem> Apply(string setOperator, IReadOnlyList<IReadOnlyList<OvalItem>> operands)
    {
        var first = operands[0];
        var second = operands.Count > 1 ? operands[1] : [];
        var inSecond = second.Select(Key).ToHashSet(StringComparer.Ordinal);
        return setOperator switch
        {
            "UNION" => Distinct(first.Concat(second)),
            "INTERSECTION" => operands.Count == 1 ? Distinct(first) : Distinct(first.Where(i => inSecond.Contains(Key(i)))),
            "COMPLEMENT" => Distinct(first.Where(i => !inSecond.Contains(Key(i)))),
            _ => throw new OvalEvaluationException($"set_operator {setOperator} is not UNION, INTERSECTION or COMPLEMENT"),
        };
    }

    private static IReadOnlyList<OvalItem> Distinct(IEnumerable<OvalItem> items) => [.. items.DistinctBy(Key, StringComparer.Ordinal)];

    private static string Key(OvalItem item) =>
        item.Evidence + "\u0001" + string.Join("\u0001", item.Entities.OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => e.Key + "\u0002" + string.Join("\u0002", e.Value)));
}

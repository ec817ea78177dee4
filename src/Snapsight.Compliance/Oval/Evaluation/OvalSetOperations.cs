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

    /// <summary>
    /// The flag of a set from its two operands' flags (the OVAL 5.11 specification's set tables,
    /// as OpenSCAP's probe_cobj_combine_flags writes them).
    /// </summary>
    public static CollectedFlag CombineFlags(string setOperator, CollectedFlag first, CollectedFlag second) => setOperator switch
    {
        "COMPLEMENT" => (first, second) switch
        {
            (CollectedFlag.Error, _) or (CollectedFlag.NotApplicable, _) => CollectedFlag.Error,
            (CollectedFlag.DoesNotExist, CollectedFlag.NotApplicable) => CollectedFlag.Error,
            (CollectedFlag.DoesNotExist, _) => CollectedFlag.DoesNotExist,
            (_, CollectedFlag.Error) or (_, CollectedFlag.NotApplicable) => CollectedFlag.Error,
            (CollectedFlag.NotCollected, _) => CollectedFlag.NotCollected,
            (_, CollectedFlag.Incomplete) or (_, CollectedFlag.NotCollected) => CollectedFlag.Error,
            (CollectedFlag.Incomplete, _) => CollectedFlag.Incomplete,
            _ => CollectedFlag.Complete,
        },
        "INTERSECTION" => (first, second) switch
        {
            (CollectedFlag.Error, _) => CollectedFlag.Error,
            (CollectedFlag.DoesNotExist, _) => CollectedFlag.DoesNotExist,
            (_, CollectedFlag.Error) => CollectedFlag.Error,
            (_, CollectedFlag.DoesNotExist) => CollectedFlag.DoesNotExist,
            (CollectedFlag.Incomplete, CollectedFlag.NotApplicable) => CollectedFlag.NotApplicable,
            (CollectedFlag.Incomplete, _) => CollectedFlag.Incomplete,
            (CollectedFlag.NotCollected, _) or (_, CollectedFlag.NotCollected) => CollectedFlag.NotCollected,
            (_, CollectedFlag.Incomplete) => CollectedFlag.Incomplete,
            (CollectedFlag.NotApplicable, CollectedFlag.NotApplicable) => CollectedFlag.NotApplicable,
            _ => CollectedFlag.Complete,
        },
        _ => (first, second) switch
        {
            (CollectedFlag.Error, _) or (_, CollectedFlag.Error) => CollectedFlag.Error,
            (CollectedFlag.Incomplete, _) or (_, CollectedFlag.Incomplete) => CollectedFlag.Incomplete,
            (CollectedFlag.Complete, CollectedFlag.NotCollected) or (CollectedFlag.NotCollected, CollectedFlag.Complete) => CollectedFlag.Incomplete,
            (CollectedFlag.DoesNotExist, CollectedFlag.NotCollected) or (CollectedFlag.NotCollected, CollectedFlag.DoesNotExist) => CollectedFlag.Incomplete,
            (CollectedFlag.NotCollected, _) or (_, CollectedFlag.NotCollected) => CollectedFlag.NotCollected,
            (CollectedFlag.Complete, _) or (_, CollectedFlag.Complete) => CollectedFlag.Complete,
            (CollectedFlag.DoesNotExist, _) or (_, CollectedFlag.DoesNotExist) => CollectedFlag.DoesNotExist,
            _ => CollectedFlag.NotApplicable,
        },
    };

    private static IReadOnlyList<OvalItem> Distinct(IEnumerable<OvalItem> items) => [.. items.DistinctBy(Key, StringComparer.Ordinal)];

    private static string Key(OvalItem item) =>
        item.Evidence + "\u0001" + string.Join("\u0001", item.Entities.OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => e.Key + "\u0002" + string.Join("\u0002", e.Value)));
}

namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>Tests: check_existence over the collected object, then the check of its items against the states.</summary>
public sealed partial class OvalEvaluator
{
    /// <summary>How many items' evidence a test lists.</summary>
    public const int MaxEvidence = 20;

    private readonly Dictionary<string, TestOutcome> _testCache = new(StringComparer.Ordinal);

    private async Task<TestOutcome> TestAsync(string testId, int depth, CancellationToken cancellationToken)
    {
        if (!_testCache.TryGetValue(testId, out var outcome))
        {
            try
            {
                outcome = await UncachedTestAsync(testId, depth, cancellationToken).ConfigureAwait(false);
            }
            catch (OvalEvaluationException e)
            {
                outcome = new TestOutcome(testId, OvalResult.Error, [], e.Message);
            }

            _testCache[testId] = outcome;
        }

        return outcome;
    }

    private async Task<TestOutcome> UncachedTestAsync(string testId, int depth, CancellationToken cancellationToken)
    {
        if (!_document.Tests.TryGetValue(testId, out var test))
        {
            return new TestOutcome(testId, OvalResult.Error, [], $"no test {testId}");
        }

        if (test.ObjectRef is null)
        {
            // unknown_test and the like: nothing to collect, nothing to decide.
            return new TestOutcome(testId, OvalResult.Unknown, [], "the test has no object");
        }

        var collected = await CollectAsync(test.ObjectRef, depth + 1, cancellationToken).ConfigureAwait(false);
        if (collected.Flag is CollectedFlag.Error or CollectedFlag.NotCollected or CollectedFlag.NotApplicable)
        {
            // any_exist without a state holds whatever the collection gave (OpenSCAP too).
            var undecided = test.CheckExistence == "any_exist" && test.StateRefs.Count == 0 ? OvalResult.True
                : collected.Flag == CollectedFlag.Error ? OvalResult.Error
                : collected.Flag == CollectedFlag.NotCollected ? OvalResult.NotEvaluated
                : OvalResult.NotApplicable;
            return new TestOutcome(testId, undecided, [], undecided == OvalResult.True ? null : collected.Message);
        }

        var items = collected.Items;
        var existence = OvalExistence.Evaluate(test.CheckExistence, collected.Flag, items.Count);
        if (existence != OvalResult.True || test.StateRefs.Count == 0 || items.Count == 0)
        {
            var reason = existence == OvalResult.Error ? $"unknown check_existence {test.CheckExistence}" : ReasonFor(existence, test);
            return new TestOutcome(testId, existence, Evidence(items), reason);
        }

        var itemResults = new OvalResult[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var stateResults = new List<OvalResult>(test.StateRefs.Count);
            foreach (var stateRef in test.StateRefs)
            {
                stateResults.Add(await StateAsync(stateRef, items[i], cancellationToken).ConfigureAwait(false));
            }

            itemResults[i] = OvalResultTables.Combine(test.StateOperator, stateResults);
        }

        var result = OvalResultTables.Check(test.Check, itemResults);
        if (collected.Flag == CollectedFlag.Incomplete)
        {
            result = OvalExistence.WhenIncomplete(test.Check, result);
        }

        return new TestOutcome(testId, result, Evidence(DecidingItems(test.Check, result, items, itemResults)), ReasonFor(result, test));
    }

    /// <summary>
    /// The items that made the result: for a true or false test, the items whose own result
    /// points the same way ("none satisfy" is false because of its true items); else the undecided ones.
    /// </summary>
    private static IEnumerable<OvalItem> DecidingItems(string check, OvalResult result, IReadOnlyList<OvalItem> items, OvalResult[] itemResults)
    {
        var wanted = check is "none satisfy" or "none exist" ? OvalResultTables.Negate(result, true) : result;
        var deciding = items.Where((_, i) => itemResults[i] == wanted).ToArray();
        return deciding.Length > 0 ? deciding : items;
    }

    private static string? ReasonFor(OvalResult result, OvalTest test) => result switch
    {
        OvalResult.Error => $"an item could not be compared with the states of {test.Id} (check {test.Check}, state_operator {test.StateOperator}: unknown value, wrong datatype, operation or value)",
        OvalResult.Unknown => "the items found do not decide the test (an item lacks an entity a state names, or the object was collected incompletely)",
        _ => null,
    };

    private static IReadOnlyList<string> Evidence(IEnumerable<OvalItem> items) =>
        [.. items.Select(i => i.Evidence).Distinct(StringComparer.Ordinal).Take(MaxEvidence)];
}

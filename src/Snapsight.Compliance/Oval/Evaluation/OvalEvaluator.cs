using Snapsight.Compliance.Oval.Probes;

namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>
/// Evaluates the definitions of one OVAL 5.11 document against one file tree: criteria over
/// tests, tests over the items their objects collect and the states those items are held to,
/// variables resolved from the caller's external values, constants and local functions.
/// Objects, variables, states' results, tests and definitions are each worked out once per
/// evaluator and cached, since SSG content shares them widely. Calls are run one after the other.
/// </summary>
public sealed partial class OvalEvaluator
{
    /// <summary>How deep criteria, extend_definition chains, variables and sets may nest.</summary>
    public const int MaxDepth = 128;

    private readonly OvalDefinitions _document;
    private readonly ProbeContext _context;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _externalVariables;
    private readonly Func<OvalTypeName, IOvalProbe?> _probeFor;
    private readonly Dictionary<string, DefinitionOutcome> _definitionCache = new(StringComparer.Ordinal);
    private readonly HashSet<string> _definitionsInProgress = new(StringComparer.Ordinal);
    private readonly Lock _queueLock = new();
    private Task _queue = Task.CompletedTask;

    public OvalEvaluator(OvalDefinitions definitions, ProbeContext context, IReadOnlyDictionary<string, IReadOnlyList<string>> externalVariables)
        : this(definitions, context, externalVariables, OvalProbes.For)
    {
    }

    /// <summary>With the probes <paramref name="probeFor"/> gives instead of the registered ones (tests inject fakes).</summary>
    internal OvalEvaluator(
        OvalDefinitions definitions,
        ProbeContext context,
        IReadOnlyDictionary<string, IReadOnlyList<string>> externalVariables,
        Func<OvalTypeName, IOvalProbe?> probeFor)
    {
        _document = definitions;
        _context = context;
        _externalVariables = externalVariables;
        _probeFor = probeFor;
    }

    /// <summary>The definition's result with the tests it reached; callers may overlap calls, which then run in turn (the caches are not shared-state safe).</summary>
    public Task<DefinitionOutcome> EvaluateAsync(string definitionId, CancellationToken cancellationToken)
    {
        lock (_queueLock)
        {
            var run = _queue.ContinueWith(
                _ => DefinitionAsync(definitionId, 0, cancellationToken),
                cancellationToken,
                TaskContinuationOptions.LazyCancellation,
                TaskScheduler.Default).Unwrap();
            _queue = run;
            return run;
        }
    }

    private async Task<DefinitionOutcome> DefinitionAsync(string definitionId, int depth, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_definitionCache.TryGetValue(definitionId, out var cached))
        {
            return cached;
        }

        if (!_definitionsInProgress.Add(definitionId))
        {
            // Not cached: the definition's own evaluation, further up, gives the answer.
            return new DefinitionOutcome(definitionId, OvalResult.Error, [], $"extend_definition cycle through {definitionId}");
        }

        try
        {
            var outcome = await UncachedDefinitionAsync(definitionId, depth, cancellationToken).ConfigureAwait(false);
            _definitionCache[definitionId] = outcome;
            return outcome;
        }
        finally
        {
            _definitionsInProgress.Remove(definitionId);
        }
    }

    private async Task<DefinitionOutcome> UncachedDefinitionAsync(string definitionId, int depth, CancellationToken cancellationToken)
    {
        if (!_document.Definitions.TryGetValue(definitionId, out var definition))
        {
            return new DefinitionOutcome(definitionId, OvalResult.Error, [], $"no definition {definitionId}");
        }

        if (definition.Criteria is null)
        {
            return new DefinitionOutcome(definitionId, OvalResult.NotEvaluated, [], "the definition has no criteria");
        }

        var tests = new ReachedTests();
        var decision = await CriteriaNodeAsync(definition.Criteria, tests, depth, cancellationToken).ConfigureAwait(false);
        return new DefinitionOutcome(definitionId, decision.Result, tests.All, decision.Reason);
    }

    private async Task<Decision> CriteriaNodeAsync(OvalCriteriaNode node, ReachedTests tests, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth)
        {
            return new Decision(OvalResult.Error, $"criteria nest deeper than {MaxDepth}");
        }

        Decision decision;
        switch (node)
        {
            case OvalCriterion criterion:
                var test = await TestAsync(criterion.TestRef, depth + 1, cancellationToken).ConfigureAwait(false);
                tests.Add(test);

                decision = new Decision(test.Result, test.Reason);
                break;
            case OvalExtendDefinition extend:
                var extended = await DefinitionAsync(extend.DefinitionRef, depth + 1, cancellationToken).ConfigureAwait(false);
                tests.AddFrom(extended);

                decision = new Decision(extended.Result, extended.Reason);
                break;
            case OvalCriteria criteria:
                var children = new List<Decision>(criteria.Children.Count);
                foreach (var child in criteria.Children)
                {
                    children.Add(await CriteriaNodeAsync(child, tests, depth + 1, cancellationToken).ConfigureAwait(false));
                }

                var combined = OvalResultTables.Combine(criteria.Operator, children.Select(c => c.Result));
                decision = new Decision(combined, ReasonFor(combined, children)
                    ?? (combined == OvalResult.Error && !children.Any(c => c.Result == OvalResult.Error) ? $"unknown criteria operator {criteria.Operator}" : null));
                break;
            default:
                throw new InvalidOperationException("a criteria node of an unknown kind");
        }

        return decision with { Result = OvalResultTables.Negate(decision.Result, node.Negate) };
    }

    /// <summary>Why a combination came out undecided: the reason of the first child that gave that result.</summary>
    private static string? ReasonFor(OvalResult result, IEnumerable<Decision> children) =>
        result is OvalResult.True or OvalResult.False ? null : children.FirstOrDefault(c => c.Result == result).Reason;

    private readonly record struct Decision(OvalResult Result, string? Reason);
}

using Snapsight.Compliance.Oval.Probes;

namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>
/// Evaluates the definitions of one OVAL document against one file tree. Objects, variables,
/// tests and definitions are each worked out once per evaluator and cached, since many
/// definitions share them.
/// </summary>
public sealed class OvalEvaluator
{
    private readonly OvalDefinitions _definitions;

    public OvalEvaluator(OvalDefinitions definitions, ProbeContext context, IReadOnlyDictionary<string, IReadOnlyList<string>> externalVariables)
        : this(definitions, context, externalVariables, OvalProbes.For)
    {
    }

    internal OvalEvaluator(
        OvalDefinitions definitions,
        ProbeContext context,
        IReadOnlyDictionary<string, IReadOnlyList<string>> externalVariables,
        Func<OvalTypeName, IOvalProbe?> probeFor)
    {
        _definitions = definitions;
        _ = context;
        _ = externalVariables;
        _ = probeFor;
    }

    public Task<DefinitionOutcome> EvaluateAsync(string definitionId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_definitions.Definitions.ContainsKey(definitionId)
            ? new DefinitionOutcome(definitionId, OvalResult.NotEvaluated, [], "the evaluation engine is not written yet")
            : new DefinitionOutcome(definitionId, OvalResult.Error, [], $"no definition {definitionId}"));
    }
}

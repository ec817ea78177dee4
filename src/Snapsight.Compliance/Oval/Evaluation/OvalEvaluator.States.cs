using Snapsight.Compliance.DataStreams;

namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>States: whether one item satisfies a state, entity by entity.</summary>
public sealed partial class OvalEvaluator
{
    /// <summary>Elements of a state or object that are not entities.</summary>
    private static readonly HashSet<string> NotEntities = new(StringComparer.Ordinal) { "notes", "signature", "set", "filter", "behaviors" };

    /// <summary>
    /// The state's result for the item: each entity compared, the entities combined by the
    /// state's operator (AND by default; SSG's file permission states use OR). A state entity the item
    /// does not have is unknown, as OpenSCAP has it (its entity_check over no values), unless
    /// its check_existence says it must not exist; filters make it false (OpenSCAP's probes do).
    /// </summary>
    private async Task<OvalResult> StateAsync(string stateId, OvalItem item, CancellationToken cancellationToken, OvalResult whenEntityMissing = OvalResult.Unknown)
    {
        if (!_document.States.TryGetValue(stateId, out var state))
        {
            throw new OvalEvaluationException($"no state {stateId}");
        }

        var results = new List<OvalResult>();
        foreach (var entity in state.Children.Where(c => !NotEntities.Contains(c.Name) && !IsNil(c)))
        {
            results.Add(await StateEntityAsync(entity, item.Values(entity.Name), whenEntityMissing, cancellationToken).ConfigureAwait(false));
        }

        return OvalResultTables.Combine(state.Operator, results);
    }

    private async Task<OvalResult> StateEntityAsync(RawElement entity, IReadOnlyList<string> itemValues, OvalResult whenMissing, CancellationToken cancellationToken)
    {
        var mustNotExist = entity.Attribute("check_existence") == "none_exist";
        if (itemValues.Count == 0)
        {
            return mustNotExist ? OvalResult.True : whenMissing;
        }

        if (mustNotExist)
        {
            return OvalResult.False;
        }

        var contentValues = await EntityValuesAsync(entity, 0, cancellationToken).ConfigureAwait(false);
        if (contentValues.Count == 0)
        {
            // A variable with no value leaves nothing to compare with.
            return OvalResult.Error;
        }

        return CompareEntity(
            entity.Attribute("operation") ?? "equals",
            entity.Attribute("datatype") ?? "string",
            entity.Attribute("entity_check") ?? "all",
            entity.Attribute("var_check") ?? "all",
            itemValues,
            contentValues);
    }

    /// <summary>
    /// One state entity against one item entity: each item value against every content value,
    /// combined by var_check (how many of a variable's values it must satisfy), then the item's
    /// values combined by entity_check.
    /// </summary>
    internal static OvalResult CompareEntity(
        string operation,
        string datatype,
        string entityCheck,
        string varCheck,
        IReadOnlyList<string> itemValues,
        IReadOnlyList<string> contentValues) =>
        OvalResultTables.Check(entityCheck, itemValues.Select(value =>
            OvalResultTables.Check(varCheck, contentValues.Select(content => OvalComparison.Compare(operation, datatype, value, content)))));

    /// <summary>The values an object or state entity stands for: its variable's values, or its own text.</summary>
    private async Task<IReadOnlyList<string>> EntityValuesAsync(RawElement entity, int depth, CancellationToken cancellationToken) =>
        entity.Attribute("var_ref") is { } variableId
            ? await VariableAsync(variableId, depth + 1, cancellationToken).ConfigureAwait(false)
            : [entity.Text];

    private static bool IsNil(RawElement entity) => entity.Attribute("nil") is "true" or "1";
}

using Snapsight.Compliance.DataStreams;

namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>Variables: external values from the caller, constants, and local variables' component trees.</summary>
public sealed partial class OvalEvaluator
{
    private readonly Dictionary<string, (IReadOnlyList<string>? Values, string? Error)> _variableCache = new(StringComparer.Ordinal);
    private readonly HashSet<string> _variablesInProgress = new(StringComparer.Ordinal);

    /// <summary>The variable's values (possibly none); a missing variable, a cycle or a limit passed throws.</summary>
    private async Task<IReadOnlyList<string>> VariableAsync(string variableId, int depth, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_variableCache.TryGetValue(variableId, out var cached))
        {
            return cached.Values ?? throw new OvalEvaluationException(cached.Error!);
        }

        if (depth > MaxDepth || !_variablesInProgress.Add(variableId))
        {
            throw new OvalEvaluationException($"variable {variableId} refers to itself, or its references nest deeper than {MaxDepth}");
        }

        try
        {
            var values = await UncachedVariableAsync(variableId, depth, cancellationToken).ConfigureAwait(false);
            OvalFunctions.Bound(values);
            _variableCache[variableId] = (values, null);
            return values;
        }
        catch (OvalEvaluationException e)
        {
            // The innermost variable names the problem; the ones that led there add nothing.
            var error = e.Message.StartsWith("variable ", StringComparison.Ordinal) || e.Message.StartsWith("external variable ", StringComparison.Ordinal)
                ? e.Message
                : $"variable {variableId}: {e.Message}";
            _variableCache[variableId] = (null, error);
            throw new OvalEvaluationException(error);
        }
        finally
        {
            _variablesInProgress.Remove(variableId);
        }
    }

    private async Task<IReadOnlyList<string>> UncachedVariableAsync(string variableId, int depth, CancellationToken cancellationToken)
    {
        if (!_document.Variables.TryGetValue(variableId, out var variable))
        {
            throw new OvalEvaluationException($"no variable {variableId}");
        }

        switch (variable.Kind)
        {
            case "external":
                return _externalVariables.TryGetValue(variableId, out var external)
                    ? external
                    : throw new OvalEvaluationException($"external variable {variableId} has no value");
            case "constant":
                return [.. variable.Children.Where(c => c.Name == "value").Select(c => c.Text)];
            case "local":
                var component = variable.Children.FirstOrDefault(c => !NotEntities.Contains(c.Name))
                    ?? throw new OvalEvaluationException($"local variable {variableId} has no component");
                return await ComponentAsync(component, depth + 1, cancellationToken).ConfigureAwait(false);
            default:
                throw new OvalEvaluationException($"variable {variableId} is of unknown kind {variable.Kind}");
        }
    }

    /// <summary>The values of one component or function of a local variable.</summary>
    private async Task<IReadOnlyList<string>> ComponentAsync(RawElement component, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth)
        {
            throw new OvalEvaluationException($"components nest deeper than {MaxDepth}");
        }

        IReadOnlyList<string> values = component.Name switch
        {
            "literal_component" => [component.Text],
            "variable_component" => await VariableAsync(component.Needed("var_ref"), depth + 1, cancellationToken).ConfigureAwait(false),
            "object_component" => await ObjectComponentAsync(component, depth, cancellationToken).ConfigureAwait(false),
            "concat" => OvalFunctions.Concat(await ChildrenAsync(component, depth, cancellationToken).ConfigureAwait(false)),
            "arithmetic" => OvalFunctions.Arithmetic(component.Needed("arithmetic_operation"), await ChildrenAsync(component, depth, cancellationToken).ConfigureAwait(false)),
            "count" => OvalFunctions.Count(await ChildrenAsync(component, depth, cancellationToken).ConfigureAwait(false)),
            "unique" => OvalFunctions.Unique(await ChildrenAsync(component, depth, cancellationToken).ConfigureAwait(false)),
            "regex_capture" => OvalFunctions.RegexCapture(component.Attribute("pattern") ?? "", await OnlyChildAsync(component, depth, cancellationToken).ConfigureAwait(false)),
            "substring" => OvalFunctions.Substring(component.Needed("substring_start"), component.Needed("substring_length"), await OnlyChildAsync(component, depth, cancellationToken).ConfigureAwait(false)),
            "split" => OvalFunctions.Split(component.Needed("delimiter"), await OnlyChildAsync(component, depth, cancellationToken).ConfigureAwait(false)),
            "escape_regex" => OvalFunctions.EscapeRegex(await OnlyChildAsync(component, depth, cancellationToken).ConfigureAwait(false)),
            "begin" => OvalFunctions.Begin(component.Needed("character"), await OnlyChildAsync(component, depth, cancellationToken).ConfigureAwait(false)),
            "glob_to_regex" => OvalFunctions.GlobToRegex(component.Attribute("glob_noescape") is "true" or "1", await OnlyChildAsync(component, depth, cancellationToken).ConfigureAwait(false)),
            "end" => OvalFunctions.End(component.Needed("character"), await OnlyChildAsync(component, depth, cancellationToken).ConfigureAwait(false)),
            _ => throw new OvalEvaluationException($"variable function {component.Name} is not supported"),
        };
        OvalFunctions.Bound(values);
        return values;
    }

    /// <summary>
    /// object_component: the item_field values of the object's items. An object in error or not
    /// collected, or an item without the field, makes the variable an error (its reason kept);
    /// no items give no values.
    /// </summary>
    private async Task<IReadOnlyList<string>> ObjectComponentAsync(RawElement component, int depth, CancellationToken cancellationToken)
    {
        var objectId = component.Needed("object_ref");
        var field = component.Needed("item_field");
        var collected = await CollectAsync(objectId, depth + 1, cancellationToken).ConfigureAwait(false);
        if (collected.Flag is CollectedFlag.Error or CollectedFlag.NotCollected or CollectedFlag.NotApplicable)
        {
            throw new OvalEvaluationException(collected.Message ?? $"object {objectId} was not collected");
        }

        // Every item must have the field (OpenSCAP: "Entity has not been found" is an error).
        return collected.Items.FirstOrDefault(item => item.Values(field).Count == 0) is { } lacking
            ? throw new OvalEvaluationException($"{lacking.Evidence} (object {objectId}) has no {field}")
            : [.. collected.Items.SelectMany(item => item.Values(field))];
    }

    private async Task<IReadOnlyList<IReadOnlyList<string>>> ChildrenAsync(RawElement function, int depth, CancellationToken cancellationToken)
    {
        var values = new List<IReadOnlyList<string>>();
        foreach (var child in function.Children)
        {
            values.Add(await ComponentAsync(child, depth + 1, cancellationToken).ConfigureAwait(false));
        }

        return values;
    }

    private async Task<IReadOnlyList<string>> OnlyChildAsync(RawElement function, int depth, CancellationToken cancellationToken) =>
        function.Children.Count == 1
            ? await ComponentAsync(function.Children[0], depth + 1, cancellationToken).ConfigureAwait(false)
            : throw new OvalEvaluationException($"{function.Name} needs exactly one component, it has {function.Children.Count}");
}

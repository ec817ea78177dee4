using Snapsight.Compliance.DataStreams;
using Snapsight.Compliance.Oval.Probes;

namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>Objects: entities resolved into a probe request, the probe's items, sets and filters.</summary>
public sealed partial class OvalEvaluator
{
    private readonly Dictionary<string, CollectedObject> _objectCache = new(StringComparer.Ordinal);
    private readonly HashSet<string> _objectsInProgress = new(StringComparer.Ordinal);

    private static readonly OvalTypeName VariableObject = new("variable_object", "independent");

    private async Task<CollectedObject> CollectAsync(string objectId, int depth, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_objectCache.TryGetValue(objectId, out var cached))
        {
            return cached;
        }

        if (depth > MaxDepth || !_objectsInProgress.Add(objectId))
        {
            return CollectedObject.Failed($"object {objectId} refers to itself, or its references nest deeper than {MaxDepth}");
        }

        CollectedObject collected;
        try
        {
            collected = await UncachedCollectAsync(objectId, depth, cancellationToken).ConfigureAwait(false);
        }
        catch (OvalEvaluationException e)
        {
            collected = CollectedObject.Failed($"object {objectId}: {e.Message}");
        }
        finally
        {
            _objectsInProgress.Remove(objectId);
        }

        _objectCache[objectId] = collected;
        return collected;
    }

    private async Task<CollectedObject> UncachedCollectAsync(string objectId, int depth, CancellationToken cancellationToken)
    {
        if (!_document.Objects.TryGetValue(objectId, out var ovalObject))
        {
            throw new OvalEvaluationException("no such object");
        }

        if (ovalObject.Set is { } set)
        {
            return await SetAsync(set, depth + 1, cancellationToken).ConfigureAwait(false);
        }

        if (ovalObject.Type == VariableObject)
        {
            return await VariableObjectAsync(ovalObject, depth, cancellationToken).ConfigureAwait(false);
        }

        if (OvalProbes.NeedRunningSystem.Contains(ovalObject.Type.Name))
        {
            return CollectedObject.NotCollected("needs a running system");
        }

        if (_probeFor(ovalObject.Type) is not { } probe)
        {
            return CollectedObject.NotCollected($"object type {ovalObject.Type.Name} is not supported");
        }

        var entities = new Dictionary<string, ObjectEntity>(StringComparer.Ordinal);
        foreach (var element in ovalObject.Children.Where(c => !NotEntities.Contains(c.Name)))
        {
            var values = IsNil(element) ? [] : await EntityValuesAsync(element, depth, cancellationToken).ConfigureAwait(false);
            if (values.Count == 0 && !IsNil(element))
            {
                // A variable without values selects nothing (OpenSCAP: the object does not exist).
                return CollectedObject.Found([]);
            }

            entities[element.Name] = new ObjectEntity(
                element.Name,
                element.Attribute("operation") ?? "equals",
                element.Attribute("datatype") ?? "string",
                values,
                IsNil(element));
        }

        var behaviors = ovalObject.Children.FirstOrDefault(c => c.Name == "behaviors")?.Attributes
            ?? new Dictionary<string, string>(StringComparer.Ordinal);
        var request = new ProbeRequest(objectId, ovalObject.Type, entities, behaviors);
        CollectedObject found;
        try
        {
            found = await probe.CollectAsync(request, _context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A probe should report damage as a failed object; one that throws stops its object only, not the evaluation.
            return CollectedObject.Failed($"the {ovalObject.Type.Name} probe failed: {e.Message}");
        }


        return await FilterAsync(found, ovalObject.Filters, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// variable_object: its items are variables of this document, so the engine answers it,
    /// not a probe. One item per variable its var_ref entity selects: the var_ref and every
    /// value as a <c>value</c> entity, as OpenSCAP's variable probe does. A variable without
    /// values gives no item; one in error gives an item without values (its error in the
    /// evidence), as OpenSCAP has it.
    /// </summary>
    private async Task<CollectedObject> VariableObjectAsync(OvalObject ovalObject, int depth, CancellationToken cancellationToken)
    {
        var entity = ovalObject.Children.FirstOrDefault(c => c.Name == "var_ref")
            ?? throw new OvalEvaluationException("a variable_object without var_ref");
        var operation = entity.Attribute("operation") ?? "equals";
        var wanted = await EntityValuesAsync(entity, depth, cancellationToken).ConfigureAwait(false);
        var variableIds = operation == "equals"
            ? wanted.Where(_document.Variables.ContainsKey).Distinct(StringComparer.Ordinal)
            : _document.Variables.Keys.Where(id => wanted.Any(w => OvalComparison.Compare(operation, "string", id, w) == OvalResult.True)).Order(StringComparer.Ordinal);
        var items = new List<OvalItem>();
        foreach (var variableId in variableIds)
        {
            var entities = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["var_ref"] = [variableId] };
            try
            {
                var values = await VariableAsync(variableId, depth + 1, cancellationToken).ConfigureAwait(false);
                if (values.Count > 0)
                {
                    entities["value"] = values;
                    items.Add(new OvalItem(entities, $"variable {variableId} = [{string.Join(", ", values.Take(5))}{(values.Count > 5 ? ", ..." : "")}]"));
                }
            }
            catch (OvalEvaluationException e)
            {
                items.Add(new OvalItem(entities, e.Message));
            }
        }

        return await FilterAsync(CollectedObject.Found(items), ovalObject.Filters, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A set: the union, intersection or complement (the first less the second) of its object
    /// references' items, each filtered by the set's filters, or of its nested sets; its flag
    /// from the operands' flags by the specification's tables (<see cref="OvalSetOperations.CombineFlags"/>).
    /// </summary>
    private async Task<CollectedObject> SetAsync(RawElement set, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth)
        {
            throw new OvalEvaluationException($"sets nest deeper than {MaxDepth}");
        }

        var filters = set.ChildrenNamed("filter").ToArray();
        var operands = new List<CollectedObject>();
        foreach (var child in set.Children)
        {
            if (child.Name == "object_reference")
            {
                var referenced = await CollectAsync(child.Text, depth + 1, cancellationToken).ConfigureAwait(false);
                operands.Add(await FilterAsync(referenced, filters, cancellationToken).ConfigureAwait(false));
            }
            else if (child.Name == "set")
            {
                operands.Add(await SetAsync(child, depth + 1, cancellationToken).ConfigureAwait(false));
            }
        }

        if (operands.Count is 0 or > 2)
        {
            throw new OvalEvaluationException($"a set has {operands.Count} operands, not one or two");
        }

        var setOperator = set.Attribute("set_operator") ?? "UNION";
        var items = OvalSetOperations.Apply(setOperator, [.. operands.Select(o => o.Items)]);
        var flag = operands.Count == 1 ? operands[0].Flag : OvalSetOperations.CombineFlags(setOperator, operands[0].Flag, operands[1].Flag);
        var message = operands.Select(o => o.Message).FirstOrDefault(m => m is not null);
        return flag switch
        {
            CollectedFlag.Complete or CollectedFlag.DoesNotExist when items.Count == 0 => new CollectedObject(CollectedFlag.DoesNotExist, items),
            CollectedFlag.Complete => CollectedObject.Found(items),
            CollectedFlag.Incomplete => new CollectedObject(flag, items, message),
            CollectedFlag.DoesNotExist => new CollectedObject(flag, [], message),
            _ => new CollectedObject(flag, [], message ?? $"the set's operands combine to {flag}"),
        };
    }

    /// <summary>filter elements: an exclude filter drops the items its state is true for, an include filter the items it is false for.</summary>
    private async Task<CollectedObject> FilterAsync(CollectedObject collected, IEnumerable<RawElement> filters, CancellationToken cancellationToken)
    {
        var kept = collected.Items;
        foreach (var filter in filters)
        {
            var include = (filter.Attribute("action") ?? "exclude") switch
            {
                "include" => true,
                "exclude" => false,
                var other => throw new OvalEvaluationException($"filter action {other} is not include or exclude"),
            };
            var next = new List<OvalItem>();
            foreach (var item in kept)
            {
                // Only a decided result filters: exclude drops the true items, include the false
                // ones (an entity the item lacks counts false); an item the state cannot decide
                // (error, unknown) stays. OpenSCAP's probe_item_filtered does the same.
                var result = await StateAsync(filter.Text, item, cancellationToken, whenEntityMissing: OvalResult.False).ConfigureAwait(false);
                if (result != (include ? OvalResult.False : OvalResult.True))
                {
                    next.Add(item);
                }
            }

            kept = next;
        }

        return ReferenceEquals(kept, collected.Items) || collected.Flag is not (CollectedFlag.Complete or CollectedFlag.DoesNotExist)
            ? collected with { Items = kept }
            : CollectedObject.Found(kept);
    }
}

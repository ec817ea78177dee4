using System.Globalization;
using Snapsight.Compliance.Oval.Evaluation;

namespace Snapsight.Compliance.Oval.Probes;

/// <summary>Builds an item's entities in the order the system-characteristics schema lists them.</summary>
internal sealed class ItemEntities
{
    private readonly Dictionary<string, IReadOnlyList<string>> _entities = new(StringComparer.Ordinal);

    public ItemEntities Add(string name, string value)
    {
        _entities[name] = [value];
        return this;
    }

    public ItemEntities Add(string name, long value) => Add(name, value.ToString(CultureInfo.InvariantCulture));

    public ItemEntities Add(string name, bool value) => Add(name, value ? "true" : "false");

    public ItemEntities AddAll(string name, IReadOnlyList<string> values)
    {
        _entities[name] = values;
        return this;
    }

    /// <summary>Adds the entity only when its value is known: an unknown value is left out, never guessed.</summary>
    public ItemEntities AddIfKnown(string name, string? value) => value is null ? this : Add(name, value);

    public OvalItem ToItem(string evidence) => new(_entities, evidence);
}

namespace Snapsight.Compliance.DataStreams;

/// <summary>
/// One XML element kept as read, for the parts of SCAP content whose meaning depends on the
/// type (OVAL objects, states, variable components): local name, namespace, attributes by
/// local name, its own text (trimmed) and child elements. The evaluator interprets them.
/// </summary>
public sealed record RawElement(
    string Name,
    string Namespace,
    IReadOnlyDictionary<string, string> Attributes,
    string Text,
    IReadOnlyList<RawElement> Children,
    int Line)
{
    public string? Attribute(string name) => Attributes.TryGetValue(name, out var value) ? value : null;

    public RawElement? Child(string name) => Children.FirstOrDefault(c => c.Name == name);

    public IEnumerable<RawElement> ChildrenNamed(string name) => Children.Where(c => c.Name == name);

    /// <summary>The attribute, or a format error naming this element when it is missing.</summary>
    public string Required(string name) =>
        Attribute(name) ?? throw new ScapFormatException(Name, Line, $"missing attribute {name}");
}

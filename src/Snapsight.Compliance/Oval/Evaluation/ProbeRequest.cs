namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>
/// An object handed to its probe: its id and type, its entities resolved, and the attributes of
/// its <c>behaviors</c> element (max_depth, recurse_direction…), absent ones left out.
/// </summary>
public sealed record ProbeRequest(
    string ObjectId,
    OvalTypeName Type,
    IReadOnlyDictionary<string, ObjectEntity> Entities,
    IReadOnlyDictionary<string, string> Behaviors)
{
    public ObjectEntity? Entity(string name) => Entities.TryGetValue(name, out var entity) ? entity : null;

    public string? Behavior(string name) => Behaviors.TryGetValue(name, out var value) ? value : null;
}

namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>What a probe found for one object: the flag, the items, and a message when it could not do better.</summary>
public sealed record CollectedObject(CollectedFlag Flag, IReadOnlyList<OvalItem> Items, string? Message = null)
{
    public static CollectedObject Found(IReadOnlyList<OvalItem> items) =>
        new(items.Count == 0 ? CollectedFlag.DoesNotExist : CollectedFlag.Complete, items);

    public static CollectedObject Failed(string message) => new(CollectedFlag.Error, [], message);

    public static CollectedObject NotCollected(string reason) => new(CollectedFlag.NotCollected, [], reason);
}

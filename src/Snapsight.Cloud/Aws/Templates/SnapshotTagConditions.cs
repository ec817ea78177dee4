using System.Text.Json.Nodes;

namespace Snapsight.Cloud.Aws.Templates;

/// <summary>
/// IAM conditions that tie snapshot actions to <see cref="SnapshotTags"/>: a snapshot is created only
/// with our product and subscription tags (and no others), and deleted, shared or read only when it
/// carries them.
/// </summary>
internal static class SnapshotTagConditions
{
    /// <summary>The request tags a new snapshot must carry, and the only tag keys it may carry.</summary>
    public static JsonObject RequestTagged(string subscriptionTagValue) => new()
    {
        ["StringEquals"] = Ours("aws:RequestTag/", subscriptionTagValue),
        ["ForAllValues:StringEquals"] = new JsonObject { ["aws:TagKeys"] = Cfn.Strings(SnapshotTags.Keys) },
    };

    /// <summary>An existing snapshot tagged ours, retagged with <see cref="SnapshotTags.KeepingKeys"/> only.</summary>
    public static JsonObject Retagged(string subscriptionTagValue) => new()
    {
        ["StringEquals"] = Ours("aws:ResourceTag/", subscriptionTagValue),
        ["ForAllValues:StringEquals"] = new JsonObject { ["aws:TagKeys"] = Cfn.Strings(SnapshotTags.KeepingKeys) },
    };

    /// <summary>The tags an existing snapshot must carry, with <paramref name="more"/> conditions in the same StringEquals block.</summary>
    public static JsonObject ResourceTagged(string subscriptionTagValue, params (string Key, string Value)[] more)
    {
        var stringEquals = Ours("aws:ResourceTag/", subscriptionTagValue);
        foreach (var (key, value) in more)
        {
            stringEquals[key] = value;
        }

        return new JsonObject { ["StringEquals"] = stringEquals };
    }

    private static JsonObject Ours(string prefix, string subscriptionTagValue) => new()
    {
        [prefix + SnapshotTags.Product] = SnapshotTags.ProductValue,
        [prefix + SnapshotTags.Subscription] = subscriptionTagValue,
    };
}

using System.Globalization;
using Snapsight.Cloud;

namespace Snapsight.Control.Scans;

/// <summary>The <see cref="SnapshotTags"/> of a subscription's and a run's snapshots, written and read back.</summary>
public static class RunSnapshotTags
{
    /// <summary>Every snapshot of the subscription: what the sweeper lists.</summary>
    public static Dictionary<string, string> OfSubscription(Guid subscriptionId) => new(StringComparer.Ordinal)
    {
        [SnapshotTags.Product] = SnapshotTags.ProductValue,
        [SnapshotTags.Subscription] = SnapshotTags.SubscriptionValue(subscriptionId.ToString()),
    };

    /// <summary>Every snapshot of one run: what the workflow finds before creating and deletes at the end.</summary>
    public static Dictionary<string, string> OfRun(Guid subscriptionId, Guid runId)
    {
        var tags = OfSubscription(subscriptionId);
        tags[SnapshotTags.Run] = runId.ToString();
        return tags;
    }

    /// <summary>The tags a new set carries from its creation: the run's, and when it may be deleted whatever happens.</summary>
    public static Dictionary<string, string> ForCreation(Guid subscriptionId, Guid runId, DateTimeOffset expires)
    {
        var tags = OfRun(subscriptionId, runId);
        tags[SnapshotTags.Expires] = Format(expires);
        return tags;
    }

    /// <summary>Every kept snapshot of the subscription (the last scanned of each volume).</summary>
    public static Dictionary<string, string> OfKept(Guid subscriptionId)
    {
        var tags = OfSubscription(subscriptionId);
        tags[SnapshotTags.Kept] = SnapshotTags.KeptValue;
        return tags;
    }

    /// <summary>The tags that mark a scanned snapshot kept, its expiry moved to <paramref name="expires"/>.</summary>
    public static Dictionary<string, string> ForKeeping(DateTimeOffset expires) => new(StringComparer.Ordinal)
    {
        [SnapshotTags.Kept] = SnapshotTags.KeptValue,
        [SnapshotTags.Expires] = Format(expires),
    };

    public static bool IsKept(IReadOnlyDictionary<string, string> tags) => tags.GetValueOrDefault(SnapshotTags.Kept) == SnapshotTags.KeptValue;

    /// <summary>The run a snapshot belongs to, or null when its tag is missing or not a run id.</summary>
    public static Guid? Run(IReadOnlyDictionary<string, string> tags) =>
        tags.TryGetValue(SnapshotTags.Run, out var text) && Guid.TryParse(text, out var run) ? run : null;

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>Its expiry, or null when the tag is missing or unreadable.</summary>
    public static DateTimeOffset? Expires(IReadOnlyDictionary<string, string> tags) =>
        tags.TryGetValue(SnapshotTags.Expires, out var text)
        && DateTimeOffset.TryParseExact(text, "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var expires)
            ? expires
            : null;
}

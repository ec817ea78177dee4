using System.Security.Cryptography;
using System.Text;

namespace Snapsight.Cloud;

/// <summary>
/// The tags Snapsight puts on every snapshot it creates, at creation. They are the source of
/// truth for what is ours: the target-account role may only delete, share and read snapshots
/// that carry them, and the sweeper finds leftovers by them even after the database is lost.
/// </summary>
public static class SnapshotTags
{
    /// <summary>Says the snapshot is Snapsight's; its value is always <see cref="ProductValue"/>.</summary>
    public const string Product = "snapsight:product";

    public const string ProductValue = "snapsight";

    /// <summary>Which subscription made it: <see cref="SubscriptionValue"/> of the subscription id, never the id itself.</summary>
    public const string Subscription = "snapsight:subscription";

    /// <summary>The scan run that made it, so a crashed run finds its snapshots instead of making new ones.</summary>
    public const string Run = "snapsight:run";

    /// <summary>When it may be deleted whatever its run's state (ISO 8601 UTC).</summary>
    public const string Expires = "snapsight:expires";

    /// <summary>
    /// Marks a scanned snapshot kept for the next scan of its volume to read only what changed since
    /// (value <see cref="KeptValue"/>); added after a successful scan, never at creation.
    /// </summary>
    public const string Kept = "snapsight:kept";

    public const string KeptValue = "true";

    /// <summary>On a copy (copy-and-share): the snapshot it was copied from, by which a repeated copy finds it.</summary>
    public const string CopyOf = "snapsight:copy-of";

    /// <summary>Every key above but <see cref="Kept"/>: the only tag keys a snapshot-creating request may carry.</summary>
    public static IReadOnlyList<string> Keys { get; } = [Product, Subscription, Run, Expires, CopyOf];

    /// <summary>The only keys tagging an existing snapshot may set: it is marked kept, and its expiry moved.</summary>
    public static IReadOnlyList<string> KeepingKeys { get; } = [Kept, Expires];

    /// <summary>
    /// The subscription tag's value: the first 128 bits of SHA-256 of the subscription id, in hex, so a
    /// tag visible to anyone in the target account does not reveal the tenant's identifier.
    /// </summary>
    public static string SubscriptionValue(string subscriptionId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subscriptionId)).AsSpan(0, 16));
}

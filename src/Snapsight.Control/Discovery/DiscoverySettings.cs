namespace Snapsight.Control.Discovery;

/// <summary>
/// Whether the server polls target accounts in the background, and how often it looks for accounts
/// whose connector's polling frequency has passed. Off unless the server turns it on, so tests
/// poll only when they ask. Instance events are limited per subscription whether or not polling is on.
/// </summary>
public sealed record DiscoverySettings
{
    public static readonly TimeSpan DefaultCheckEvery = TimeSpan.FromMinutes(1);

    public bool Enabled { get; init; }

    public TimeSpan CheckEvery { get; init; } = DefaultCheckEvery;

    /// <summary>
    /// Instance events a subscription may post at once before it is answered 429; each one lists its
    /// account and region in the cloud, so a flood with a stolen subscription token must not turn
    /// into a flood of cloud calls.
    /// </summary>
    public int EventBurst { get; init; } = 50;

    /// <summary>
    /// How often a subscription regains one event: 50 ms, 20 a second sustained, twice what the
    /// target template's EventBridge API destination sends at most (InstanceEventForwarding.RateLimitPerSecond).
    /// </summary>
    public TimeSpan EventRefillEvery { get; init; } = TimeSpan.FromMilliseconds(50);
}

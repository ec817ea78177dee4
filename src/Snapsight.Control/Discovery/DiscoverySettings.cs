namespace Snapsight.Control.Discovery;

/// <summary>
/// Whether the server polls target accounts in the background, and how often it looks for accounts
/// whose connector's polling frequency has passed. Off unless the server turns it on, so tests
/// poll only when they ask.
/// </summary>
public sealed record DiscoverySettings
{
    public static readonly TimeSpan DefaultCheckEvery = TimeSpan.FromMinutes(1);

    public bool Enabled { get; init; }

    public TimeSpan CheckEvery { get; init; } = DefaultCheckEvery;
}

namespace Snapsight.Control.Tokens;

/// <summary>The server's bounds on the lifetime a caller may ask for.</summary>
public sealed record SubscriptionTokenSettings
{
    /// <summary>A caller asking for more gets this much, and the answer says so.</summary>
    public TimeSpan MaxLifetime { get; init; } = TimeSpan.FromDays(30);

    public TimeSpan MinLifetime { get; init; } = TimeSpan.FromMinutes(1);
}

namespace Snapsight.Cloud.Local;

/// <summary>
/// One injected failure. It fires on every matching event until it has fired <see cref="Times"/>
/// times (for ever when null); the order of events alone decides, so tests are deterministic.
/// </summary>
public sealed record LocalFault(LocalFaultKind Kind)
{
    /// <summary>The instance, volume or snapshot id it aims at; null aims at all of them.</summary>
    public string? Target { get; init; }

    /// <summary>For <see cref="LocalFaultKind.Throttle"/>: the call it refuses; null refuses every call.</summary>
    public LocalOperation? Operation { get; init; }

    public int? Times { get; init; }
}

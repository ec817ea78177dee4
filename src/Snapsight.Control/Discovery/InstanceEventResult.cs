using Snapsight.Control.Assets;

namespace Snapsight.Control.Discovery;

/// <summary>What an instance event did: the asset it made due, or why there is none (<see cref="Problem"/> in plain words).</summary>
public sealed record InstanceEventResult(InstanceEventOutcome Outcome, Asset? Asset = null, string? Problem = null);

public enum InstanceEventOutcome
{
    /// <summary>The region was polled and the asset recorded; <see cref="Asset.ScanRequestedAt"/> is set for a starting or running instance.</summary>
    Recorded,

    /// <summary>No registered target account of the caller's subscription has that account id and region.</summary>
    UnknownAccount,

    /// <summary>The region was polled but the cloud does not list the instance.</summary>
    UnknownInstance,

    /// <summary>The cloud did not answer the poll; the problem says why.</summary>
    CloudFailed,
}

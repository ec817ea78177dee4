namespace Snapsight.Control.Assets;

/// <summary>What an activation request did to one asset; <see cref="Reason"/> is from <see cref="ActivationReasons"/>.</summary>
public sealed record ActivationResult(Guid AssetId, ActivationOutcome Outcome, string? Reason = null);

public enum ActivationOutcome
{
    Activated,

    /// <summary>It was activated before; nothing changed and nothing more is counted.</summary>
    AlreadyActivated,

    /// <summary>Not activated; the asset now says why.</summary>
    Refused,

    /// <summary>No such asset in the caller's subscription.</summary>
    NotFound,
}

namespace Snapsight.Control.Assets;

/// <summary>Who changes an asset's activation, for the audit log: a user through the API, or discovery on its own.</summary>
public sealed record ActivationActor(string Name, string? Client)
{
    /// <summary>Discovery's automatic activations (the connector's auto-activate setting) and its licence re-checks of moved addresses.</summary>
    public static readonly ActivationActor Discovery = new("discovery", null);
}

namespace Snapsight.Control.Assets;

/// <summary>Whether an asset is scanned, and so counted against the licence.</summary>
public enum AssetActivation
{
    /// <summary>Never activated, or refused (the reason says why).</summary>
    NotActivated,

    /// <summary>Scanned on the subscription's schedule; its address counts against the licence.</summary>
    Activated,

    /// <summary>Turned off by a user; its address no longer counts.</summary>
    Deactivated,
}

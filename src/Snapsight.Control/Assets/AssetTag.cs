namespace Snapsight.Control.Assets;

/// <summary>One tag of an instance, as the cloud reported it.</summary>
public sealed class AssetTag
{
    public required string Key { get; init; }

    public required string Value { get; init; }
}

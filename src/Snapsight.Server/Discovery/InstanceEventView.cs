using Snapsight.Control.Assets;

namespace Snapsight.Server.Discovery;

/// <summary>The asset an instance event recorded, and whether a scan of it is now requested.</summary>
public sealed record InstanceEventView(Guid AssetId, AssetState State, AssetActivation Activation, bool ScanRequested)
{
    public static InstanceEventView Of(Asset asset) => new(asset.Id, asset.State, asset.Activation, asset.ScanRequestedAt is not null);
}

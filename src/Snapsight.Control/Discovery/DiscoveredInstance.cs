using Snapsight.Cloud.Provider;
using Snapsight.Control.Assets;

namespace Snapsight.Control.Discovery;

/// <summary>A provider's instance as the inventory records it, with the connector's asset tags added (they win over the instance's own).</summary>
public static class DiscoveredInstance
{
    public static DiscoveredAsset Of(CloudScope scope, CloudInstance instance, IEnumerable<string> connectorTags)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(connectorTags);
        var tags = new Dictionary<string, string>(instance.Tags, StringComparer.Ordinal);
        foreach (var pair in connectorTags.Select(t => t.Split('=', 2)))
        {
            tags[pair[0]] = pair[1];
        }

        return new DiscoveredAsset(scope.AccountId, scope.Region, instance.Id, StateOf(instance.State), instance.Name,
            instance.PrivateIpAddress?.ToString(), instance.PublicIpAddress?.ToString(), tags).Checked();
    }

    private static AssetState StateOf(InstanceState state) => state switch
    {
        InstanceState.Pending => AssetState.Pending,
        InstanceState.Running => AssetState.Running,
        InstanceState.Stopping => AssetState.Stopping,
        InstanceState.Stopped => AssetState.Stopped,
        InstanceState.ShuttingDown => AssetState.ShuttingDown,
        InstanceState.Terminated => AssetState.Terminated,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "an instance state this version does not know"),
    };
}

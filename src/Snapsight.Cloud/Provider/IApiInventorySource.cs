using Snapsight.Inventory;

namespace Snapsight.Cloud.Provider;

/// <summary>
/// A cloud that can say what an instance runs without a snapshot, from an inventory its own
/// agent keeps (AWS: Systems Manager). Optional beside <see cref="ICloudProvider"/>: API-based
/// assessment runs only where one is registered.
/// </summary>
public interface IApiInventorySource
{
    /// <summary>The instance's package inventory as the cloud's agent last reported it, or null when no agent reports for it.</summary>
    Task<ApiInventory?> ReadApiInventoryAsync(CloudScope scope, string instanceId, CancellationToken cancellationToken);
}

/// <summary>An API-based inventory: where it came from ("ssm"), when the agent gathered it, and the packages as a scan spells them.</summary>
public sealed record ApiInventory(string Source, DateTimeOffset? CapturedAt, InventoryResult Inventory);

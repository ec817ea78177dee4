using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Assets;

/// <summary>
/// Records what a discovery saw in the caller's subscription: new instances are added not activated,
/// known ones (same account, region and instance id) updated. An activated asset whose address
/// changed is admitted again by the <see cref="Licence"/>, so a new address cannot slip past the cap.
/// </summary>
public sealed class AssetInventory(ControlDbContext db, Licence licence, TimeProvider clock)
{
    public Task<IReadOnlyList<Asset>> RecordAsync(Guid? connectorId,
        IReadOnlyCollection<DiscoveredAsset> discovered, CancellationToken ct)
    {
        var seen = discovered.Select(d => d.Checked()).ToList();
        var accounts = seen.Select(d => d.CloudAccountId).Distinct().ToList();
        return SubscriptionLock.RunAsync(db, async () =>
        {
            var known = await db.Assets.Where(a => accounts.Contains(a.CloudAccountId)).ToListAsync(ct).ConfigureAwait(false);
            var byKey = known.ToDictionary(a => (a.CloudAccountId, a.Region, a.InstanceId));
            var now = clock.GetUtcNow().UtcDateTime;
            var recorded = new List<Asset>();
            var moved = new List<Asset>();
            foreach (var item in seen)
            {
                if (!byKey.TryGetValue((item.CloudAccountId, item.Region, item.InstanceId), out var asset))
                {
                    asset = new Asset
                    {
                        Id = Guid.NewGuid(), SubscriptionId = db.CurrentSubscriptionId!.Value, CloudAccountId = item.CloudAccountId,
                        Region = item.Region, InstanceId = item.InstanceId, FirstSeenAt = now,
                    };
                    db.Assets.Add(asset);
                    byKey[(item.CloudAccountId, item.Region, item.InstanceId)] = asset;
                }

                var address = item.PrivateIpAddress ?? item.PublicIpAddress;
                // A changed address, or one coming back from termination (which stopped counting), is counted again.
                if (asset.Activation == AssetActivation.Activated
                    && (asset.LicensedIpAddress != address || (asset.State == AssetState.Terminated && item.State != AssetState.Terminated)))
                {
                    moved.Add(asset);
                }

                asset.ConnectorId = connectorId ?? asset.ConnectorId;
                asset.Name = item.Name;
                asset.PrivateIpAddress = item.PrivateIpAddress;
                asset.PublicIpAddress = item.PublicIpAddress;
                asset.LicensedIpAddress = address;
                asset.State = item.State;
                asset.LastSeenAt = now;
                ReplaceTags(asset, item.Tags!);
                recorded.Add(asset);
            }

            await licence.AdmitAsync(moved, ActivationActor.Discovery, ct).ConfigureAwait(false);
            return (IReadOnlyList<Asset>)recorded;
        }, ct);
    }

    private static void ReplaceTags(Asset asset, IReadOnlyDictionary<string, string> tags)
    {
        if (asset.Tags.Count == tags.Count && asset.Tags.All(t => tags.TryGetValue(t.Key, out var value) && value == t.Value))
        {
            return;
        }

        asset.Tags.Clear();
        asset.Tags.AddRange(tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new AssetTag { Key = t.Key, Value = t.Value }));
    }
}

using Microsoft.EntityFrameworkCore;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Accounts;
using Snapsight.Control.Assets;
using Snapsight.Control.Persistence;

namespace Snapsight.Control.Discovery;

/// <summary>
/// Polls one target account of the caller's subscription: lists its instances in each of its
/// regions, records them in the <see cref="AssetInventory"/> with the connector's tags, marks the
/// ones the cloud no longer lists as terminated and, when the connector says so, activates new ones
/// within the <see cref="Licence"/>. A region that fails does not stop the others; what failed is
/// kept on the account in plain words (<see cref="TargetAccount.DiscoveryError"/>).
/// </summary>
public sealed class AssetDiscovery(ControlDbContext db, ICloudProvider cloud, AssetInventory inventory, Licence licence, TimeProvider clock)
{
    /// <summary>Polls every region of the account and records when, and what failed; false when the account or its connector is gone.</summary>
    public async Task<bool> DiscoverAccountAsync(Guid targetAccountId, CancellationToken ct)
    {
        var account = await db.TargetAccounts.SingleOrDefaultAsync(a => a.Id == targetAccountId, ct).ConfigureAwait(false);
        var connector = account is null ? null
            : await db.Connectors.AsNoTracking().SingleOrDefaultAsync(c => c.Id == account.ConnectorId, ct).ConfigureAwait(false);
        if (account is null || connector is null)
        {
            return false;
        }

        var problems = new List<string>();
        foreach (var region in account.Regions)
        {
            problems.AddRange(await DiscoverRegionAsync(account, connector, region, ct).ConfigureAwait(false));
        }

        account.LastDiscoveredAt = clock.GetUtcNow().UtcDateTime;
        account.DiscoveryError = problems.Count == 0 ? null : Bounded(string.Join("; ", problems));
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Polls one region of the account; answers what went wrong, empty when nothing did.</summary>
    public async Task<IReadOnlyList<string>> DiscoverRegionAsync(TargetAccount account, Connector connector, string region, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(connector);
        CloudScope scope;
        IReadOnlyList<CloudInstance> instances;
        try
        {
            scope = new CloudScope(account.AccountId, region) { Subscription = account.SubscriptionId };
            instances = await cloud.ListInstancesAsync(scope, ct).ConfigureAwait(false);
        }
        catch (CloudProviderException e)
        {
            return [$"{region}: listing instances failed ({CloudErrorText(e.Code)}): {e.Message}"];
        }

        var problems = new List<string>();
        var seen = new List<DiscoveredAsset>(instances.Count);
        foreach (var instance in instances)
        {
            try
            {
                seen.Add(DiscoveredInstance.Of(scope, instance, connector.AssetTags));
            }
            catch (ArgumentException e)
            {
                problems.Add($"{region}: instance {Bounded(instance.Id, 32)} skipped: {e.Message}");
            }
        }

        if (seen.Count > 0)
        {
            await inventory.RecordAsync(connector.Id, seen, ct).ConfigureAwait(false);
        }

        await MarkVanishedAsync(scope, instances.Select(i => i.Id).ToList(), ct).ConfigureAwait(false);
        if (connector.AutoActivate)
        {
            await ActivateNewAsync(scope, ct).ConfigureAwait(false);
        }

        return problems;
    }

    /// <summary>An instance the cloud no longer lists is gone: EC2 forgets terminated instances after about an hour.</summary>
    private async Task MarkVanishedAsync(CloudScope scope, List<string> listed, CancellationToken ct)
    {
        var vanished = await db.Assets.Where(a => a.CloudAccountId == scope.AccountId && a.Region == scope.Region
            && a.State != AssetState.Terminated && !listed.Contains(a.InstanceId)).ToListAsync(ct).ConfigureAwait(false);
        foreach (var asset in vanished)
        {
            asset.State = AssetState.Terminated;
        }

        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Offers the licence every asset of the region that is not activated and was never turned off
    /// by a user, oldest first, so a short licence keeps the assets found first. Ones refused earlier
    /// are offered again: the licence may have grown since.
    /// </summary>
    private async Task ActivateNewAsync(CloudScope scope, CancellationToken ct)
    {
        var waiting = await db.Assets.Where(a => a.CloudAccountId == scope.AccountId && a.Region == scope.Region
                && a.Activation == AssetActivation.NotActivated && a.State != AssetState.Terminated)
            .OrderBy(a => a.FirstSeenAt).ThenBy(a => a.InstanceId).Select(a => a.Id).ToListAsync(ct).ConfigureAwait(false);
        foreach (var chunk in waiting.Chunk(Licence.MaxBatch))
        {
            await licence.ActivateAsync(chunk, ActivationActor.Discovery, ct).ConfigureAwait(false);
        }
    }

    private static string CloudErrorText(CloudErrorCode code) => code switch
    {
        CloudErrorCode.NotFound => "the account or region does not exist or the role cannot see it",
        CloudErrorCode.AccessDenied => "the connector's role is not allowed to",
        CloudErrorCode.Throttled => "the cloud throttled the request; the next poll retries",
        CloudErrorCode.QuotaExceeded or CloudErrorCode.Unavailable => "the cloud was unavailable; the next poll retries",
        CloudErrorCode.Corrupt => "the cloud's answer was malformed",
        _ => "the request was refused",
    };

    private static string Bounded(string text, int max = ControlLimits.AuditTextLength) =>
        text.Length <= max ? text : text[..(max - 1)] + "…";
}

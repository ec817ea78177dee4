using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Assets;

/// <summary>
/// Activates assets for scanning within the subscription's licence: at most
/// <see cref="Subscription.LicensedIpAddresses"/> distinct addresses among activated assets. An
/// asset whose address is already counted costs nothing; one past the cap is marked not activated
/// with <see cref="ActivationReasons.LicenceExhausted"/>. Every change runs under
/// <see cref="SubscriptionLock"/>, so parallel activations cannot all see the same last free place.
/// Terminated assets do not count: their instance is gone for good. Every change of an asset's
/// activation is audited with who made it, in the same unit of work; an unchanged outcome (a
/// refusal repeated at each discovery poll) is not.
/// </summary>
public sealed class Licence(ControlDbContext db, AuditLog audit, TimeProvider clock)
{
    /// <summary>The most assets one request may activate at once.</summary>
    public const int MaxBatch = 500;

    public async Task<LicenceUsage> UsageAsync(CancellationToken ct)
    {
        var limit = await db.Subscriptions.Select(s => s.LicensedIpAddresses).SingleAsync(ct).ConfigureAwait(false);
        var used = await CountedAddresses(excluding: []).CountAsync(ct).ConfigureAwait(false);
        return new LicenceUsage(limit, used);
    }

    /// <summary>Activates each asset the licence has room for; answers per asset, in the order asked.</summary>
    public Task<IReadOnlyList<ActivationResult>> ActivateAsync(IReadOnlyCollection<Guid> assetIds, ActivationActor actor, CancellationToken ct)
    {
        var ids = assetIds.Distinct().ToList();
        return SubscriptionLock.RunAsync(db, async () =>
        {
            var assets = await db.Assets.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct).ConfigureAwait(false);
            var pending = ids.Select(id => assets.GetValueOrDefault(id)).OfType<Asset>()
                .Where(a => a.Activation != AssetActivation.Activated).ToList();
            var admitted = await AdmitAsync(pending, actor, ct).ConfigureAwait(false);
            return (IReadOnlyList<ActivationResult>)ids.Select(id =>
                !assets.ContainsKey(id) ? new ActivationResult(id, ActivationOutcome.NotFound)
                : admitted.TryGetValue(id, out var result) ? result
                : new ActivationResult(id, ActivationOutcome.AlreadyActivated)).ToList();
        }, ct);
    }

    /// <summary>Stops scanning the asset and frees its address (unless another activated asset shares it); null when not found.</summary>
    public Task<Asset?> DeactivateAsync(Guid assetId, ActivationActor actor, CancellationToken ct) =>
        SubscriptionLock.RunAsync(db, async () =>
        {
            var asset = await db.Assets.SingleOrDefaultAsync(a => a.Id == assetId, ct).ConfigureAwait(false);
            if (asset is not null)
            {
                if (asset.Activation != AssetActivation.Deactivated)
                {
                    audit.Record(actor.Name, AuditActions.AssetDeactivate, asset.InstanceId, true, asset.SubscriptionId, actor.Client);
                }

                asset.Activation = AssetActivation.Deactivated;
                asset.ActivationReason = null;
                asset.ActivatedAt = null;
            }

            return asset;
        }, ct);

    /// <summary>
    /// Decides, inside a <see cref="SubscriptionLock"/>, which candidates the licence admits, counting
    /// the addresses of every other activated asset as saved. Candidates are changed in memory only.
    /// </summary>
    internal async Task<Dictionary<Guid, ActivationResult>> AdmitAsync(IReadOnlyList<Asset> candidates, ActivationActor actor, CancellationToken ct)
    {
        var results = new Dictionary<Guid, ActivationResult>();
        if (candidates.Count == 0)
        {
            return results;
        }

        var limit = await db.Subscriptions.Select(s => s.LicensedIpAddresses).SingleAsync(ct).ConfigureAwait(false);
        var counted = (await CountedAddresses(candidates.Select(a => a.Id).ToList()).ToListAsync(ct).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow().UtcDateTime;
        // In the order asked, so a caller decides which assets a short licence keeps.
        foreach (var asset in candidates)
        {
            string? refusal = asset.LicensedIpAddress is not { } address ? ActivationReasons.NoIpAddress
                : counted.Contains(address) || counted.Count < limit ? null
                : ActivationReasons.LicenceExhausted;
            var before = (asset.Activation, asset.ActivationReason);
            if (refusal is null)
            {
                counted.Add(asset.LicensedIpAddress!);
                asset.ActivatedAt = asset.Activation == AssetActivation.Activated ? asset.ActivatedAt : now;
                asset.Activation = AssetActivation.Activated;
                asset.ActivationReason = null;
                results[asset.Id] = new ActivationResult(asset.Id, ActivationOutcome.Activated);
            }
            else
            {
                asset.Activation = AssetActivation.NotActivated;
                asset.ActivationReason = refusal;
                asset.ActivatedAt = null;
                results[asset.Id] = new ActivationResult(asset.Id, ActivationOutcome.Refused, refusal);
            }

            if (before != (asset.Activation, asset.ActivationReason))
            {
                audit.Record(actor.Name, AuditActions.AssetActivate, asset.InstanceId, refusal is null, asset.SubscriptionId, actor.Client,
                    refusal ?? $"address {asset.LicensedIpAddress}");
            }
        }

        return results;
    }

    private IQueryable<string> CountedAddresses(IReadOnlyCollection<Guid> excluding) =>
        db.Assets.Where(a => a.Activation == AssetActivation.Activated && a.State != AssetState.Terminated
                && a.LicensedIpAddress != null && !excluding.Contains(a.Id))
            .Select(a => a.LicensedIpAddress!).Distinct();
}

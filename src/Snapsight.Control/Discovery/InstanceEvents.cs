using Microsoft.EntityFrameworkCore;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Accounts;
using Snapsight.Control.Assets;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scheduling;

namespace Snapsight.Control.Discovery;

/// <summary>
/// An EC2 instance state-change event forwarded by the target account's EventBridge rule: the
/// instance's region is polled at once (so the asset exists, with its tags and state, and the
/// connector's auto-activation applies) and a starting or running instance is made due at once.
/// The event only says where to look; what is recorded is what the cloud lists.
/// </summary>
public sealed class InstanceEvents(ControlDbContext db, AssetDiscovery discovery, ScanSchedule schedule, AuditLog audit)
{
    /// <summary>EventBridge's EC2 states, as the event's <c>detail.state</c> writes them; the poll, not the event, sets the asset's state.</summary>
    private static readonly string[] States = ["pending", "running", "stopping", "stopped", "shutting-down", "terminated"];

    public async Task<InstanceEventResult> HandleAsync(string? accountId, string? region, string? instanceId, string? state,
        RegistrationCaller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Check(accountId, region, instanceId, state);
        var target = await db.TargetAccounts.AsNoTracking()
            .SingleOrDefaultAsync(a => a.AccountId == accountId && a.State == ValidationState.Registered, ct).ConfigureAwait(false);
        var connector = target is null || !target.Regions.Contains(region!) ? null
            : await db.Connectors.AsNoTracking().SingleOrDefaultAsync(c => c.Id == target.ConnectorId, ct).ConfigureAwait(false);
        var where = $"{accountId}/{region}/{instanceId}";
        if (connector is null)
        {
            return await AuditedAsync(caller, where, new InstanceEventResult(InstanceEventOutcome.UnknownAccount,
                Problem: $"no registered target account {accountId} with region {region}"), ct).ConfigureAwait(false);
        }

        var problems = await discovery.DiscoverRegionAsync(target!, connector, region!, ct).ConfigureAwait(false);
        var asset = await db.Assets.SingleOrDefaultAsync(a => a.CloudAccountId == accountId && a.Region == region && a.InstanceId == instanceId, ct)
            .ConfigureAwait(false);
        InstanceEventResult result;
        if (asset is null)
        {
            result = problems.Count > 0
                ? new InstanceEventResult(InstanceEventOutcome.CloudFailed, Problem: string.Join("; ", problems))
                : new InstanceEventResult(InstanceEventOutcome.UnknownInstance, Problem: $"the cloud does not list instance {instanceId} in {accountId}/{region}");
        }
        else
        {
            if (asset.State is AssetState.Pending or AssetState.Running)
            {
                schedule.RequestScan(asset);
            }

            result = new InstanceEventResult(InstanceEventOutcome.Recorded, asset);
        }

        return await AuditedAsync(caller, where, result, ct).ConfigureAwait(false);
    }

    private async Task<InstanceEventResult> AuditedAsync(RegistrationCaller caller, string where, InstanceEventResult result, CancellationToken ct)
    {
        audit.Record(caller.Name, AuditActions.InstanceEvent, where, result.Outcome == InstanceEventOutcome.Recorded, caller.SubscriptionId,
            caller.Client, result.Problem ?? $"state {result.Asset?.State}, scan requested: {result.Asset?.ScanRequestedAt is not null}");
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return result;
    }

    private static void Check(string? accountId, string? region, string? instanceId, string? state)
    {
        if (!CloudScope.IsAccountId(accountId))
        {
            throw new InvalidFieldException("account", "give the 12-digit account id");
        }

        if (!CloudScope.IsRegion(region))
        {
            throw new InvalidFieldException("region", "give a region name such as eu-west-1");
        }

        if (instanceId is not { Length: > 0 and <= DiscoveredAsset.MaxInstanceIdLength } || !instanceId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new InvalidFieldException("detail.instance-id", $"give an instance id of 1 to {DiscoveredAsset.MaxInstanceIdLength} letters, digits or '-'");
        }

        if (state is null || !States.Contains(state))
        {
            throw new InvalidFieldException("detail.state", "give one of " + string.Join(", ", States));
        }
    }
}

using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Snapsight.Cloud.Aws.Templates;
using Snapsight.Control.Accounts;
using Snapsight.Control.Persistence;
using Snapsight.Server.Api;

namespace Snapsight.Server.Templates;

/// <summary>
/// What a CFT-T download takes from the subscription's records rather than from the caller: the
/// connector's external ID (the caller never sees or chooses it) and partition, and the registered
/// service account whose scanning role the target role trusts.
/// </summary>
public sealed record TargetTemplateInputs(Guid ConnectorId, TemplateDownloadRequest Request, TargetAccountTrust Trust)
{
    /// <summary>The inputs, or the problem to answer: 400 naming the field, 404 for an unknown connector, 409 without a service account.</summary>
    public static async Task<(TargetTemplateInputs? Inputs, IResult? Refusal)> ResolveAsync(
        TemplateDownloadRequest request, ControlDbContext db, CancellationToken ct)
    {
        if (!Guid.TryParse(request.ConnectorId, out var connectorId))
        {
            return (null, Problems.Invalid("connectorId",
                request.ConnectorId is null ? "name the connector of the target account" : "is not a connector id"));
        }

        var connector = await db.Connectors.AsNoTracking().SingleOrDefaultAsync(c => c.Id == connectorId, ct).ConfigureAwait(false);
        if (connector is null)
        {
            return (null, Problems.NotFound("connector"));
        }

        var partition = AccountTypes.Partition(connector.AccountType);
        if (request.Partition is { } given && given != partition.Name)
        {
            return (null, Problems.Invalid("partition", $"the connector's account type decides it: {partition.Name}, not '{given}'"));
        }

        var service = await db.ServiceAccounts.AsNoTracking().Where(a => a.State == ValidationState.Registered)
            .SingleOrDefaultAsync(ct).ConfigureAwait(false);
        if (service is not null && request.ServiceAccountId is { } named && named != service.AccountId)
        {
            return (null, Problems.Conflict($"the subscription's service account is {service.AccountId}, not {named}; "
                + "a target role can only trust the registered service account's scanning role"));
        }

        if ((service?.AccountId ?? request.ServiceAccountId) is not { } serviceAccountId)
        {
            return (null, Problems.Conflict("no service account is registered: deploy the service-account template first, "
                + "or name the account it is deployed in as serviceAccountId"));
        }

        var filled = request with
        {
            Partition = partition.Name,
            TargetRegions = request.TargetRegions ?? connector.Regions,
            // CFT-T renders no scanning regions; they only bound the target regions: the registered service account's,
            // or, before there is one, the whole partition's.
            Regions = request.Regions ?? (service is { Regions.Count: > 0 } ? service.Regions : partition.Regions),
        };
        return (new TargetTemplateInputs(connectorId, filled,
            new TargetAccountTrust { ServiceAccountId = serviceAccountId, ExternalId = connector.ExternalId }), null);
    }
}

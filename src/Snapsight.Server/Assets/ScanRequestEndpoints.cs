using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Assets;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scheduling;
using Snapsight.Server.Api;
using Snapsight.Server.Auth;

namespace Snapsight.Server.Assets;

/// <summary>
/// <c>POST /api/v1/assets/{id}/scan</c>: an on-demand scan. The asset becomes due at once (ahead of
/// the ones merely past their interval); the planner starts its run on its next pass, the same way
/// as for an instance event. Only an activated, running asset can be scanned.
/// </summary>
public static class ScanRequestEndpoints
{
    public static void MapScanRequestApi(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/v1/assets/{id:guid}/scan", RequestAsync).RequireAuthorization(Policies.Operator).WithTags("Assets")
            .WithSummary("Scan the asset now: it is due at once and its run starts on the planner's next pass (202).")
            .Produces<AssetView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> RequestAsync(Guid id, ControlDbContext db, ScanSchedule schedule, AuditLog audit, HttpContext context)
    {
        var asset = await db.Assets.SingleOrDefaultAsync(a => a.Id == id, context.RequestAborted).ConfigureAwait(false);
        if (asset is null)
        {
            return Problems.NotFound("asset");
        }

        if (asset.Activation != AssetActivation.Activated || asset.State != AssetState.Running)
        {
            return Problems.Conflict($"Only an activated, running asset can be scanned; this one is {asset.State.ToString().ToLowerInvariant()} "
                + $"and {(asset.Activation == AssetActivation.Activated ? "activated" : "not activated")}.");
        }

        schedule.RequestScan(asset);
        audit.Record(RequestActor.Name(context), AuditActions.ScanRequest, asset.InstanceId, true, asset.SubscriptionId, RequestActor.Client(context));
        await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
        return Results.Accepted($"/api/v1/assets/{asset.Id}", AssetView.Of(asset));
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Assessments;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Server.Api;
using Snapsight.Server.Auth;

namespace Snapsight.Server.Assessments;

/// <summary>
/// <c>GET /api/v1/assets/{id}/assessments</c>: the asset's snapshot-based and API-based results,
/// labelled; <c>POST /api/v1/assets/{id}/api-assessment</c>: read the cloud's inventory of the
/// instance (SSM) now, match it and store it (audited).
/// </summary>
public static class ApiAssessmentEndpoints
{
    public static void MapApiAssessments(this IEndpointRouteBuilder routes)
    {
        var asset = routes.MapGroup("/api/v1/assets/{id:guid}").WithTags("Assets");
        asset.MapGet("/assessments", GetAsync).RequireAuthorization(Policies.Reader)
            .WithSummary("The asset's latest snapshot-based and API-based (SSM inventory) assessments, each labelled by method.")
            .Produces<AssetAssessmentsView>().ProducesProblem(StatusCodes.Status404NotFound);
        asset.MapPost("/api-assessment", AssessAsync).RequireAuthorization(Policies.Operator)
            .WithSummary("Assess the asset now from its cloud's own inventory (AWS Systems Manager), without a snapshot, and store the result as API-based.")
            .Produces<ApiAssessmentView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status502BadGateway);
    }

    private static async Task<IResult> GetAsync(Guid id, ControlDbContext db, ApiAssessments assessments, CancellationToken ct)
    {
        if (!await db.Assets.AnyAsync(a => a.Id == id, ct).ConfigureAwait(false))
        {
            return Problems.NotFound("asset");
        }

        var run = await db.StoredRuns.AsNoTracking().Where(r => r.AssetId == id && r.IsCurrent).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var api = await assessments.FindAsync(id, ct).ConfigureAwait(false);
        return Results.Ok(new AssetAssessmentsView(id, run is null ? null : SnapshotAssessmentView.Of(run), api is null ? null : ApiAssessmentView.Of(api)));
    }

    private static async Task<IResult> AssessAsync(Guid id, ControlDbContext db, ApiAssessor assessor, AuditLog audit, HttpContext context, CancellationToken ct)
    {
        var asset = await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct).ConfigureAwait(false);
        if (asset is null)
        {
            return Problems.NotFound("asset");
        }

        var target = $"{asset.CloudAccountId}/{asset.Region}/{asset.InstanceId}";
        try
        {
            var stored = await assessor.AssessAsync(asset, ct).ConfigureAwait(false);
            await AuditedAsync(stored is not null, stored is null ? "no agent inventory for the instance"
                : $"{stored.Source}: {stored.PackageCount} packages, {stored.FindingCount} findings").ConfigureAwait(false);
            return stored is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound,
                    detail: "The cloud keeps no agent inventory for this instance (no SSM agent reports for it): only a snapshot scan can assess it.")
                : Results.Ok(ApiAssessmentView.Of(stored));
        }
        catch (CloudProviderException e)
        {
            await AuditedAsync(false, e.Message).ConfigureAwait(false);
            return Results.Problem(statusCode: StatusCodes.Status502BadGateway, detail: e.Message);
        }

        async Task AuditedAsync(bool succeeded, string detail)
        {
            audit.Record(RequestActor.Name(context), AuditActions.AssetApiAssessment, target, succeeded, RequestActor.SubscriptionId(context),
                RequestActor.Client(context), detail);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
    }
}

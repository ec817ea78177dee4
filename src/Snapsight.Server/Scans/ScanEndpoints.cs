using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Persistence;
using Snapsight.Server.Api;
using Snapsight.Server.Auth;

namespace Snapsight.Server.Scans;

/// <summary>
/// <c>/api/v1/scans</c>: the scan workflow's runs, finished or not, as they stand now
/// (docs/control/scan-workflow.md). The stored results of finished runs are under <c>/api/v1/runs</c>.
/// </summary>
public static class ScanEndpoints
{
    public static void MapScanApi(this IEndpointRouteBuilder routes)
    {
        var scans = routes.MapGroup("/api/v1/scans").WithTags("Scans");
        scans.MapGet("", ListAsync).RequireAuthorization(Policies.Reader)
            .WithSummary("Scan runs, newest first, filtered by state, assetId or active (true: not yet finished).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        scans.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Policies.Reader)
            .WithSummary("One scan run.").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(int? offset, int? limit, string? state, string? assetId, string? active,
        ControlDbContext db, CancellationToken ct)
    {
        var (filter, problem) = ScanRunFilter.Read(state, assetId, active);
        if (filter is null)
        {
            return problem!;
        }

        return Results.Ok(await Paging.PageAsync(filter.List(db), offset, limit, ScanRunView.Of, ct).ConfigureAwait(false));
    }

    private static async Task<IResult> GetAsync(Guid id, ControlDbContext db, CancellationToken ct) =>
        await db.ScanRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct).ConfigureAwait(false) is { } run
            ? Results.Ok(ScanRunView.Of(run))
            : Problems.NotFound("scan run");
}

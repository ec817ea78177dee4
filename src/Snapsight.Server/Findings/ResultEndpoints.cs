using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Persistence;
using Snapsight.Control.Results;
using Snapsight.Server.Api;
using Snapsight.Server.Auth;

namespace Snapsight.Server.Findings;

/// <summary>
/// The stored scan results (docs/control/results.md): findings across the fleet, each asset's
/// current packages, findings, compliance and SBOM, its run history and the diff of a run to the one
/// before. Reads only; the scan workflow writes through <see cref="ScanResults"/>.
/// </summary>
public static class ResultEndpoints
{
    public static void MapResultApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/findings", FindingsAsync).RequireAuthorization(Policies.Reader).WithTags("Results")
            .WithSummary("The current findings of every asset, filtered by severity, kev, epssMin, fixAvailable, package, cve or assetId.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        routes.MapGet("/api/v1/runs", RunsAsync).RequireAuthorization(Policies.Reader).WithTags("Results")
            .WithSummary("Runs whose results are stored, newest first; filters assetId and current (true or false).")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        var asset = routes.MapGroup("/api/v1/assets/{id:guid}").WithTags("Results").RequireAuthorization(Policies.Reader);
        asset.MapGet("/packages", PackagesAsync).WithSummary("The asset's packages in its latest run.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        asset.MapGet("/findings", AssetFindingsAsync).WithSummary("The asset's findings in its latest run, with the findings list's filters.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        asset.MapGet("/compliance", ComplianceAsync).WithSummary("The asset's compliance rule results in its latest run.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        asset.MapGet("/runs", AssetRunsAsync).WithSummary("The asset's runs with stored results, newest first.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        asset.MapGet("/runs/{runId:guid}/diff", DiffAsync)
            .WithSummary("The run's diff to the asset's run before it: findings new, fixed, reopened; packages added, removed, changed.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        asset.MapGet("/sbom", SbomAsync)
            .WithSummary("The SBOM of the asset's latest run as stored: format=cyclonedx (default) or spdx, JSON.")
            .Produces<string>(StatusCodes.Status200OK, SbomDownload.CycloneDxMediaType, SbomDownload.SpdxMediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> FindingsAsync(int? offset, int? limit, string? severity, string? kev, string? epssMin,
        string? fixAvailable, string? package, string? cve, string? assetId, ControlDbContext db, CancellationToken ct)
    {
        var (filter, problem) = FindingFilter.Read(severity, kev, epssMin, fixAvailable, package, cve, assetId);
        return filter is null ? problem! : await FindingPageAsync(db, filter, offset, limit, ct).ConfigureAwait(false);
    }

    private static async Task<IResult> AssetFindingsAsync(Guid id, int? offset, int? limit, string? severity, string? kev,
        string? epssMin, string? fixAvailable, string? package, string? cve, ControlDbContext db, CancellationToken ct)
    {
        var (filter, problem) = FindingFilter.Read(severity, kev, epssMin, fixAvailable, package, cve, id.ToString());
        if (filter is null)
        {
            return problem!;
        }

        return await AssetExistsAsync(db, id, ct).ConfigureAwait(false)
            ? await FindingPageAsync(db, filter, offset, limit, ct).ConfigureAwait(false)
            : Problems.NotFound("asset");
    }

    private static async Task<IResult> FindingPageAsync(ControlDbContext db, FindingFilter filter, int? offset, int? limit,
        CancellationToken ct)
    {
        var ordered = ResultQueries.Ordered(ResultQueries.CurrentFindings(db, filter));
        return Results.Ok(await Paging.PageAsync(ordered, offset, limit, FindingView.Of, ct).ConfigureAwait(false));
    }

    private static async Task<IResult> PackagesAsync(Guid id, int? offset, int? limit, ControlDbContext db, CancellationToken ct)
    {
        if (!await AssetExistsAsync(db, id, ct).ConfigureAwait(false))
        {
            return Problems.NotFound("asset");
        }

        return Results.Ok(await Paging.PageAsync(ResultQueries.CurrentPackages(db, id), offset, limit, PackageView.Of, ct)
            .ConfigureAwait(false));
    }

    private static async Task<IResult> ComplianceAsync(Guid id, int? offset, int? limit, ControlDbContext db, CancellationToken ct)
    {
        if (!await AssetExistsAsync(db, id, ct).ConfigureAwait(false))
        {
            return Problems.NotFound("asset");
        }

        return Results.Ok(await Paging.PageAsync(ResultQueries.CurrentRuleResults(db, id), offset, limit, RuleResultView.Of, ct)
            .ConfigureAwait(false));
    }

    private static async Task<IResult> RunsAsync(int? offset, int? limit, string? assetId, string? current, ControlDbContext db,
        CancellationToken ct)
    {
        Guid? asset = null;
        if (assetId is not null)
        {
            if (!Guid.TryParse(assetId, out var parsed))
            {
                return Problems.Invalid("assetId", "an asset id (a GUID)");
            }

            asset = parsed;
        }

        var isCurrent = false;
        if (current is not null && !bool.TryParse(current, out isCurrent))
        {
            return Problems.Invalid("current", "true or false");
        }

        var runs = db.StoredRuns.AsNoTracking();
        runs = asset is { } a ? runs.Where(r => r.AssetId == a) : runs;
        runs = current is null ? runs : runs.Where(r => r.IsCurrent == isCurrent);
        return Results.Ok(await RunPageAsync(runs, offset, limit, ct).ConfigureAwait(false));
    }

    private static async Task<IResult> AssetRunsAsync(Guid id, int? offset, int? limit, ControlDbContext db, CancellationToken ct) =>
        await AssetExistsAsync(db, id, ct).ConfigureAwait(false)
            ? Results.Ok(await RunPageAsync(db.StoredRuns.AsNoTracking().Where(r => r.AssetId == id), offset, limit, ct)
                .ConfigureAwait(false))
            : Problems.NotFound("asset");

    private static Task<Page<RunView>> RunPageAsync(IQueryable<StoredRun> runs, int? offset, int? limit, CancellationToken ct) =>
        Paging.PageAsync(ResultQueries.NewestFirst(runs), offset, limit, RunView.Of, ct);

    private static async Task<IResult> DiffAsync(Guid id, Guid runId, ScanResults results, CancellationToken ct) =>
        await results.DiffAsync(id, runId, ct).ConfigureAwait(false) is { } diff ? Results.Ok(diff) : Problems.NotFound("run of that asset");

    private static async Task<IResult> SbomAsync(Guid id, string? format, ControlDbContext db, CancellationToken ct)
    {
        if (SbomDownload.For(format) is not { } download)
        {
            return Problems.Invalid("format", "cyclonedx or spdx");
        }

        if (!await AssetExistsAsync(db, id, ct).ConfigureAwait(false))
        {
            return Problems.NotFound("asset");
        }

        return await download.FileAsync(db, id, ct).ConfigureAwait(false)
            ?? Problems.NotFound("SBOM in that format for the asset's latest run");
    }

    private static Task<bool> AssetExistsAsync(ControlDbContext db, Guid id, CancellationToken ct) =>
        db.Assets.AnyAsync(a => a.Id == id, ct);
}

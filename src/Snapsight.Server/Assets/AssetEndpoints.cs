using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Assets;
using Snapsight.Control.Persistence;
using Snapsight.Server.Api;
using Snapsight.Server.Auth;

namespace Snapsight.Server.Assets;

/// <summary>
/// <c>/api/v1/licence</c> and <c>/api/v1/assets</c>: the discovered assets, and activating them for
/// scanning within the licence. A refusal names the limit and the usage (docs/control/licences-and-assets.md).
/// </summary>
public static class AssetEndpoints
{
    public static void MapAssetApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/licence", LicenceAsync).RequireAuthorization(Policies.Reader).WithTags("Licence")
            .WithSummary("The licence: distinct IP addresses allowed, in use by activated assets, and still available.");

        var assets = routes.MapGroup("/api/v1/assets").WithTags("Assets");
        assets.MapGet("", ListAsync).RequireAuthorization(Policies.Reader)
            .WithSummary("Discovered assets, filtered by account, region, state, activation, tag (key=value), os (OS family) or search (name, instance id or address).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        assets.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Policies.Reader)
            .WithSummary("One asset.").ProducesProblem(StatusCodes.Status404NotFound);
        assets.MapPost("/{id:guid}/activate", ActivateOneAsync).RequireAuthorization(Policies.Operator)
            .WithSummary("Activate the asset for scanning; 409 with the limit and usage when the licence is exhausted.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        assets.MapPost("/{id:guid}/deactivate", DeactivateAsync).RequireAuthorization(Policies.Operator)
            .WithSummary("Stop scanning the asset; its address no longer counts unless another activated asset shares it.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        assets.MapPost("/activate", ActivateManyAsync).RequireAuthorization(Policies.Operator)
            .WithSummary("Activate several assets ({ids:[…]}), answering per asset.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<LicenceView> LicenceAsync(Licence licence, CancellationToken ct) =>
        LicenceView.Of(await licence.UsageAsync(ct).ConfigureAwait(false));

    private static async Task<IResult> ListAsync(int? offset, int? limit, string? account, string? region, string? state,
        string? activation, string? tag, string? os, string? search, ControlDbContext db, CancellationToken ct)
    {
        var (filter, problem) = AssetFilter.Read(account, region, state, activation, tag, os, search);
        return filter is null
            ? problem!
            : Results.Ok(await Paging.PageAsync(filter.List(db), offset, limit, AssetView.Of, ct).ConfigureAwait(false));
    }

    private static async Task<IResult> GetAsync(Guid id, ControlDbContext db, CancellationToken ct) =>
        await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct).ConfigureAwait(false) is { } asset
            ? Results.Ok(AssetView.Of(asset))
            : Problems.NotFound("asset");

    private static async Task<IResult> ActivateOneAsync(Guid id, Licence licence, ControlDbContext db, HttpContext context, CancellationToken ct)
    {
        var result = (await licence.ActivateAsync([id], ActorOf(context), ct).ConfigureAwait(false)).Single();
        if (result.Outcome == ActivationOutcome.NotFound)
        {
            return Problems.NotFound("asset");
        }

        var asset = await db.Assets.AsNoTracking().SingleAsync(a => a.Id == id, ct).ConfigureAwait(false);
        if (result.Outcome != ActivationOutcome.Refused)
        {
            return Results.Ok(AssetView.Of(asset));
        }

        var usage = await licence.UsageAsync(ct).ConfigureAwait(false);
        return Problems.Conflict(Explain(result, usage, asset.LicensedIpAddress)!, new Dictionary<string, object?>
        {
            ["reason"] = result.Reason, ["limit"] = usage.Limit, ["used"] = usage.Used,
        });
    }

    private static async Task<IResult> DeactivateAsync(Guid id, Licence licence, HttpContext context, CancellationToken ct) =>
        await licence.DeactivateAsync(id, ActorOf(context), ct).ConfigureAwait(false) is { } asset
            ? Results.Ok(AssetView.Of(asset))
            : Problems.NotFound("asset");

    private static async Task<IResult> ActivateManyAsync(ActivateRequest? request, Licence licence, ControlDbContext db,
        HttpContext context, CancellationToken ct)
    {
        if (request?.Ids is not { Count: > 0 } ids || ids.Count > Licence.MaxBatch)
        {
            return Problems.Invalid("ids", $"give 1 to {Licence.MaxBatch} asset ids");
        }

        var results = await licence.ActivateAsync(ids, ActorOf(context), ct).ConfigureAwait(false);
        var usage = await licence.UsageAsync(ct).ConfigureAwait(false);
        var refused = results.Where(r => r.Outcome == ActivationOutcome.Refused).Select(r => r.AssetId).ToList();
        var addresses = await db.Assets.AsNoTracking().Where(a => refused.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.LicensedIpAddress, ct).ConfigureAwait(false);
        return Results.Ok(new BulkActivationView(
            results.Select(r => new ActivationView(r.AssetId, r.Outcome, r.Reason,
                Explain(r, usage, addresses.GetValueOrDefault(r.AssetId)))).ToList(),
            LicenceView.Of(usage)));
    }

    private static ActivationActor ActorOf(HttpContext context) => new(RequestActor.Name(context), RequestActor.Client(context));

    /// <summary>The sentence for a refusal; null for the other outcomes.</summary>
    private static string? Explain(ActivationResult result, LicenceUsage usage, string? address) => result.Reason switch
    {
        ActivationReasons.LicenceExhausted => usage.ExhaustedMessage(address),
        ActivationReasons.NoIpAddress => "The asset has no IP address for the licence to count; it can be activated once discovery sees one.",
        _ => null,
    };
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Server.Api;
using Snapsight.Server.Auth;

namespace Snapsight.Server.Audit;

/// <summary>
/// <c>GET /api/v1/audit</c>, for admins: the subscription's audit log, newest first, filtered by
/// action, actor and a time range. Entries never hold a secret: they are written that way
/// (<see cref="AuditLog"/>), and this only reads them.
/// </summary>
public static class AuditEndpoints
{
    public static void MapAuditApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/audit", ListAsync)
            .RequireAuthorization(Policies.Admin)
            .WithTags("Audit")
            .WithSummary("Audit entries, newest first; filters: action, actor, from and to (ISO 8601 times).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ListAsync(int? offset, int? limit, string? action, string? actor,
        DateTimeOffset? from, DateTimeOffset? to, ControlDbContext db, CancellationToken ct)
    {
        if (from > to)
        {
            return Problems.Invalid("from", "is after 'to'");
        }

        var entries = AuditQuery.List(db, action, actor, from, to);
        return Results.Ok(await Paging.PageAsync(entries, offset, limit, AuditView.Of, ct).ConfigureAwait(false));
    }

    /// <summary>One entry; <c>outcome</c> is "succeeded" or "failed".</summary>
    public sealed record AuditView(long Id, DateTime At, string Actor, string Action, string? Target, string Outcome,
        string? Client, string? Detail)
    {
        public static AuditView Of(AuditEntry e) =>
            new(e.Id, e.At, e.Actor, e.Action, e.Target, e.Succeeded ? "succeeded" : "failed", e.Client, e.Detail);
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tokens;
using Snapsight.Server.Api;
using Snapsight.Server.Auth;

namespace Snapsight.Server.Tokens;

/// <summary>
/// Subscription tokens: issued at the documented <c>POST /qas/subscription-token</c> (the value is in
/// that answer and nowhere else, ever), listed and revoked under <c>/api/v1/subscription-tokens</c>.
/// </summary>
public static class SubscriptionTokenEndpoints
{
    public static void MapSubscriptionTokens(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/qas/subscription-token", IssueAsync)
            .RequireAuthorization(Policies.Operator)
            .WithTags("Subscription tokens")
            .WithSummary("Issue a subscription token for templates and call-backs; the server caps the expiry.")
            .Produces<IssuedTokenView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        var tokens = routes.MapGroup("/api/v1/subscription-tokens").WithTags("Subscription tokens");
        tokens.MapGet("", ListAsync).RequireAuthorization(Policies.Operator)
            .WithSummary("List the subscription's tokens, without their values.");
        tokens.MapDelete("/{id:guid}", RevokeAsync).RequireAuthorization(Policies.Operator)
            .WithSummary("Revoke a token; call-backs presenting it are refused from now on.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> IssueAsync(
        IssueTokenRequest? request, HttpContext context, SubscriptionTokenService service, AuditLog audit,
        ControlDbContext db, SubscriptionTokenSettings settings)
    {
        if (request?.Expiry is not { } seconds || seconds < settings.MinLifetime.TotalSeconds)
        {
            return Problems.Invalid("expiry", $"give the lifetime in seconds, at least {settings.MinLifetime.TotalSeconds:0}");
        }

        var issued = service.Issue(RequestActor.SubscriptionId(context), RequestActor.UserId(context), seconds);
        audit.Record(RequestActor.Name(context), AuditActions.TokenIssue, issued.Token.Id.ToString(), true,
            issued.Token.SubscriptionId, RequestActor.Client(context),
            issued.Capped ? $"expiry capped to {settings.MaxLifetime.TotalSeconds:0} s" : null);
        await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
        var view = new IssuedTokenView(issued.Token.Id, issued.Value, issued.Token.ExpiresAt,
            (long)(issued.Token.ExpiresAt - issued.Token.CreatedAt).TotalSeconds, issued.Capped);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Created($"/api/v1/subscription-tokens/{view.Id}", view);
    }

    private static async Task<Page<TokenView>> ListAsync(int? offset, int? limit, ControlDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await Paging.PageAsync(db.SubscriptionTokens.AsNoTracking().OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id),
            offset, limit, t => TokenView.Of(t, now), ct).ConfigureAwait(false);
    }

    private static async Task<IResult> RevokeAsync(Guid id, HttpContext context, ControlDbContext db, AuditLog audit,
        TimeProvider clock)
    {
        var token = await db.SubscriptionTokens.SingleOrDefaultAsync(t => t.Id == id, context.RequestAborted).ConfigureAwait(false);
        if (token is null)
        {
            return Problems.NotFound("subscription token");
        }

        token.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        audit.Record(RequestActor.Name(context), AuditActions.TokenRevoke, id.ToString(), true, token.SubscriptionId,
            RequestActor.Client(context));
        await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }

    /// <summary>The documented request body: the wanted lifetime in seconds.</summary>
    public sealed record IssueTokenRequest(long? Expiry);

    /// <summary>The one answer that carries a token's value.</summary>
    public sealed record IssuedTokenView(Guid Id, string Token, DateTime ExpiresAt, long Expiry, bool Capped);

    public sealed record TokenView(Guid Id, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt, Guid CreatedBy, string State)
    {
        public static TokenView Of(SubscriptionToken token, DateTime now) =>
            new(token.Id, token.CreatedAt, token.ExpiresAt, token.RevokedAt, token.CreatedBy,
                token.RevokedAt is not null ? "revoked" : token.ExpiresAt <= now ? "expired" : "active");
    }
}

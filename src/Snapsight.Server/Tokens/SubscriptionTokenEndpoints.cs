using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Snapsight.Control;
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

    private static async Task<IResult> IssueAsync(IssueTokenRequest? request, HttpContext context, SubscriptionTokenActions tokens)
    {
        try
        {
            var issued = await tokens.IssueAsync(context, request?.Expiry).ConfigureAwait(false);
            var view = new IssuedTokenView(issued.Token.Id, issued.Value, issued.Token.ExpiresAt,
                (long)(issued.Token.ExpiresAt - issued.Token.CreatedAt).TotalSeconds, issued.Capped);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Created($"/api/v1/subscription-tokens/{view.Id}", view);
        }
        catch (InvalidFieldException refused)
        {
            return Problems.Of(refused);
        }
    }

    private static async Task<Page<TokenView>> ListAsync(int? offset, int? limit, SubscriptionTokenActions tokens, TimeProvider clock,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await Paging.PageAsync(tokens.Listed(), offset, limit, t => TokenView.Of(t, now), ct).ConfigureAwait(false);
    }

    private static async Task<IResult> RevokeAsync(Guid id, HttpContext context, SubscriptionTokenActions tokens) =>
        await tokens.RevokeAsync(context, id).ConfigureAwait(false) ? Results.NoContent() : Problems.NotFound("subscription token");

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

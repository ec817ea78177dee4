using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control.Audit;
using Snapsight.Control.Identity;
using Snapsight.Control.Persistence;

namespace Snapsight.Server.Auth;

/// <summary>
/// Records <c>access.denied</c> when an authenticated caller is refused by an authorization policy
/// (a reader calling an operator endpoint): who, which method and path (never the query string, which
/// may carry values), and the roles the policy asks for. The answer itself is the default handler's 403.
/// </summary>
public sealed class DeniedAccessAudit : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler answer = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy,
        PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.FindFirst(AccessTokens.SubscriptionClaim) is not null)
        {
            var roles = policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles);
            var named = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
                .Select(a => a.Policy).OfType<string>().ToList() is { Count: > 0 } policies
                ? string.Join(", ", policies) : "the default";
            context.RequestServices.GetRequiredService<AuditLog>().Record(RequestActor.Name(context), AuditActions.AccessDenied,
                $"{context.Request.Method} {context.Request.Path}", false, RequestActor.SubscriptionId(context),
                RequestActor.Client(context), $"policy {named} needs role {string.Join(" or ", roles)}");
            await context.RequestServices.GetRequiredService<ControlDbContext>().SaveChangesAsync(context.RequestAborted)
                .ConfigureAwait(false);
        }

        await answer.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }
}

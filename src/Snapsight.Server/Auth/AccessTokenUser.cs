using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control.Identity;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;

namespace Snapsight.Server.Auth;

/// <summary>
/// After a JWT's signature and claims check out (or a console cookie's), the user it names must
/// still exist and be enabled, and their role is read from the database rather than trusted from
/// the credential, so disabling a user or lowering a role takes effect at once. Then the request
/// enters the user's subscription.
/// </summary>
public static class AccessTokenUser
{
    public static async Task CheckAsync(TokenValidatedContext context)
    {
        if (context.Principal is null || AccessTokens.Subject(context.Principal) is not { } subject)
        {
            context.Fail("the token names no user");
            return;
        }

        var principal = await LoadAsync(context.HttpContext, subject.User, subject.Subscription, context.Scheme.Name).ConfigureAwait(false);
        if (principal is null)
        {
            context.Fail("the token's user is gone or disabled");
            return;
        }

        context.Principal = principal;
    }

    /// <summary>
    /// The principal of the user as the database has them now, with the request entered into their
    /// subscription; null when the user is gone, disabled, or not of <paramref name="subscription"/>.
    /// </summary>
    public static async Task<ClaimsPrincipal?> LoadAsync(HttpContext http, Guid userId, Guid subscription, string scheme)
    {
        var services = http.RequestServices;
        var db = services.GetRequiredService<ControlDbContext>();
        // The tenant is not known until this check passes: the user is looked up by id across subscriptions.
        var user = await db.Users.IgnoreQueryFilters().AsNoTracking()
            .SingleOrDefaultAsync(u => u.Id == userId, http.RequestAborted).ConfigureAwait(false);
        if (user is null || user.Disabled || user.SubscriptionId != subscription)
        {
            return null;
        }

        services.GetRequiredService<TenantContext>().Enter(user.SubscriptionId);
        return new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(AccessTokens.NameClaim, user.Username),
                new Claim(AccessTokens.RoleClaim, user.Role.ToString()),
                new Claim(AccessTokens.SubscriptionClaim, user.SubscriptionId.ToString()),
                new Claim(RequestActor.UserIdClaim, user.Id.ToString()),
            ],
            scheme, AccessTokens.NameClaim, AccessTokens.RoleClaim));
    }
}

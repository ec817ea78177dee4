using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Snapsight.Control.Identity;
using Snapsight.Server.Auth;

namespace Snapsight.Server.WebConsole;

/// <summary>
/// The console's cookie: it names only the user and the subscription; every request reloads the user
/// (<see cref="AccessTokenUser.LoadAsync"/>), exactly as a bearer token is checked, so a disabled user
/// or a lowered role takes effect on the next page. The API never accepts this cookie: its endpoints
/// authenticate bearer credentials only, so a cross-site request cannot ride on a console session.
/// </summary>
public static class ConsoleAuthentication
{
    public const string Scheme = "ConsoleCookie";
    public const string CookieName = "snapsight-console";
    public const string SignInPath = "/console/sign-in";
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromHours(8);

    public static void Configure(CookieAuthenticationOptions cookie)
    {
        cookie.Cookie.Name = CookieName;
        cookie.Cookie.Path = "/console";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        // Plain HTTP on loopback must work; behind the TLS proxy the browser sees https and the cookie is Secure.
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.LoginPath = SignInPath;
        cookie.ReturnUrlParameter = "returnUrl";
        cookie.ExpireTimeSpan = IdleLifetime;
        cookie.SlidingExpiration = true;
        cookie.Events = new CookieAuthenticationEvents
        {
            OnValidatePrincipal = ValidateAsync,
            // A reader on an operator page gets a plain 403, not a redirect to a page that does not exist.
            OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>Signs the user into the console: the cookie carries their ids only.</summary>
    public static Task SignInAsync(HttpContext http, Guid userId, Guid subscriptionId) =>
        http.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(RequestActor.UserIdClaim, userId.ToString()),
                new Claim(AccessTokens.SubscriptionClaim, subscriptionId.ToString()),
            ],
            Scheme)));

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var current = Guid.TryParse(principal?.FindFirst(RequestActor.UserIdClaim)?.Value, out var user)
            && Guid.TryParse(principal?.FindFirst(AccessTokens.SubscriptionClaim)?.Value, out var subscription)
                ? await AccessTokenUser.LoadAsync(context.HttpContext, user, subscription, Scheme).ConfigureAwait(false)
                : null;
        if (current is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme).ConfigureAwait(false);
            return;
        }

        // Only this request sees the reloaded principal; the cookie itself keeps the ids alone.
        context.Principal = current;
    }
}

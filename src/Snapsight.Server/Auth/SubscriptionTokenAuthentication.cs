using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Snapsight.Control.Identity;
using Snapsight.Control.Tenancy;
using Snapsight.Control.Tokens;

namespace Snapsight.Server.Auth;

/// <summary>
/// Authenticates a template's call-back by its subscription token: a usable (unexpired, unrevoked)
/// token makes the request act for its subscription with the call-back role only.
/// </summary>
public sealed class SubscriptionTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    SubscriptionTokenService tokens, TenantContext tenant)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "SubscriptionToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (AuthenticationSetup.PresentedBearer(Request.Headers[HeaderNames.Authorization]) is not { } value)
        {
            return AuthenticateResult.NoResult();
        }

        var token = await tokens.FindUsableAsync(value, Context.RequestAborted).ConfigureAwait(false);
        if (token is null)
        {
            return AuthenticateResult.Fail("the subscription token is unknown, expired or revoked");
        }

        tenant.Enter(token.SubscriptionId);
        var identity = new ClaimsIdentity(
            [
                new Claim(AccessTokens.NameClaim, RequestActor.SubscriptionTokenActor(token.Id)),
                new Claim(AccessTokens.RoleClaim, Policies.SubscriptionTokenRole),
                new Claim(AccessTokens.SubscriptionClaim, token.SubscriptionId.ToString()),
            ],
            SchemeName, AccessTokens.NameClaim, AccessTokens.RoleClaim);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

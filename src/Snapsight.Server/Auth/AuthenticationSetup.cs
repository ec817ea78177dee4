using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Snapsight.Control.Identity;
using Snapsight.Control.Tenancy;
using Snapsight.Control.Tokens;

namespace Snapsight.Server.Auth;

/// <summary>
/// Two kinds of bearer credential share the Authorization header: users' access tokens (JWTs) and
/// subscription tokens (opaque, "sst_…"). One selector sends each to its own handler, and the two
/// never validate each other's kind (RFC 8725 §3.12). Every endpoint needs at least the reader
/// role unless it says otherwise, so a new endpoint is closed by default.
/// </summary>
public static class AuthenticationSetup
{
    private const string Selector = "BearerSelector";

    public static IServiceCollection AddSnapsightAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(Selector)
            .AddPolicyScheme(Selector, "access token or subscription token", policy =>
                policy.ForwardDefaultSelector = context =>
                    PresentedBearer(context.Request.Headers[HeaderNames.Authorization]) is { } value
                    && SubscriptionTokenService.LooksLikeToken(value)
                        ? SubscriptionTokenAuthentication.SchemeName
                        : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, SubscriptionTokenAuthentication>(SubscriptionTokenAuthentication.SchemeName, null);

        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<AccessTokens>((jwt, tokens) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = tokens.ValidationParameters();
                jwt.Events = new JwtBearerEvents { OnTokenValidated = AccessTokenUser.CheckAsync };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Reader, policy => policy.RequireRole(nameof(UserRole.Reader), nameof(UserRole.Operator), nameof(UserRole.Admin)))
            .AddPolicy(Policies.Operator, policy => policy.RequireRole(nameof(UserRole.Operator), nameof(UserRole.Admin)))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(nameof(UserRole.Admin)))
            .AddPolicy(Policies.CallBack, policy => policy.RequireRole(
                nameof(UserRole.Operator), nameof(UserRole.Admin), Policies.SubscriptionTokenRole))
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .RequireRole(nameof(UserRole.Reader), nameof(UserRole.Operator), nameof(UserRole.Admin)).Build());
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, DeniedAccessAudit>();
        return services;
    }

    /// <summary>The credential after "Bearer ", or null when the header holds something else.</summary>
    public static string? PresentedBearer(string? authorization)
    {
        const string prefix = "Bearer ";
        return authorization is not null && authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            ? authorization[prefix.Length..].Trim()
            : null;
    }
}

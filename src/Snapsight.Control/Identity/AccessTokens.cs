using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Identity;

/// <summary>
/// The bearer tokens <c>POST /auth</c> hands out: short-lived JWTs signed with HMAC-SHA256 under a
/// server key of 256 random bits, explicitly typed, with issuer and audience, and validated with
/// exactly those rules (RFC 8725): one allowed algorithm, the type, issuer, audience, lifetime and
/// at most a minute of clock skew. Header parameters that point at other keys are never followed.
/// </summary>
public sealed class AccessTokens(SigningKey key, TimeProvider clock)
{
    public const string Issuer = "snapsight";
    public const string Audience = "snapsight-api";
    public const string TokenType = "at+jwt";
    public const string SubscriptionClaim = "sid";
    public const string RoleClaim = "role";
    public const string NameClaim = "name";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(60);

    public string Issue(User user)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            TokenType = TokenType,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = new SigningCredentials(key.SecurityKey, SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = user.Id.ToString(),
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString(),
                [SubscriptionClaim] = user.SubscriptionId.ToString(),
                [NameClaim] = user.Username,
                [RoleClaim] = user.Role.ToString(),
            },
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidTypes = [TokenType],
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        // The only key is ours: a kid, jku or x5u in a received header is never used to find another.
        IssuerSigningKeyResolver = (_, _, _, _) => [key.SecurityKey],
        ClockSkew = ClockSkew,
        LifetimeValidator = ValidLifetime,
        NameClaimType = NameClaim,
        RoleClaimType = RoleClaim,
    };

    /// <summary>Lifetime against our clock (tests move it), with the same skew either side.</summary>
    private bool ValidLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return expires is { } end && now < end + ClockSkew && (notBefore is not { } start || start - ClockSkew <= now);
    }

    /// <summary>The subscription and user a validated token speaks for.</summary>
    public static (Guid Subscription, Guid User)? Subject(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirst(SubscriptionClaim)?.Value, out var subscription)
        && Guid.TryParse(principal.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, out var user)
            ? (subscription, user)
            : null;
}

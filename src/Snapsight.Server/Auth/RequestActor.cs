using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Snapsight.Control.Identity;

namespace Snapsight.Server.Auth;

/// <summary>Who is acting in a request, as the audit log and ownership fields record it.</summary>
public static class RequestActor
{
    public const string UserIdClaim = "uid";

    public static string Name(HttpContext context) =>
        context.User.FindFirst(AccessTokens.NameClaim)?.Value ?? "anonymous";

    /// <summary>The signed-in user's id; empty for a subscription-token call-back.</summary>
    public static Guid UserId(HttpContext context) =>
        Guid.TryParse(context.User.FindFirst(UserIdClaim)?.Value, out var id) ? id : Guid.Empty;

    public static Guid SubscriptionId(HttpContext context) =>
        Guid.Parse(context.User.FindFirst(AccessTokens.SubscriptionClaim)!.Value);

    public static string Client(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public static string SubscriptionTokenActor(Guid tokenId) => $"subscription-token:{tokenId}";
}

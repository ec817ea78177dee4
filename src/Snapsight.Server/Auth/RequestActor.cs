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

    /// <summary>
    /// The client as the sign-in throttle counts it: an IPv4 address, or an IPv6 address's /64, since
    /// one host commonly holds a whole /64 and could otherwise rotate through it. The server sees the
    /// connection's peer; behind a reverse proxy, configure forwarded headers (docs/control/server.md).
    /// </summary>
    public static string ThrottleKey(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new System.Net.IPAddress(bytes) + "/64";
    }
}

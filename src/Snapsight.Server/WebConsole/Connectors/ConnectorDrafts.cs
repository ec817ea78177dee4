using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Snapsight.Server.Auth;

namespace Snapsight.Server.WebConsole.Connectors;

/// <summary>
/// The wizard's state between steps, in a hidden field the server encrypts and signs (ASP.NET Core data protection)
/// for the signed-in user only and for <see cref="Lifetime"/>: nothing is stored on the server, and the browser can
/// neither read nor change it, so the external ID stays the one the server issued.
/// </summary>
public sealed class ConnectorDrafts(IDataProtectionProvider protection)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    /// <summary>A draft a browser could send back is small; anything larger was not made here.</summary>
    private const int MaxProtectedLength = 64 * 1024;

    public string Protect(HttpContext context, ConnectorDraft draft) =>
        Protector(context).Protect(JsonSerializer.Serialize(draft), DateTimeOffset.UtcNow + Lifetime);

    /// <summary>The draft, or null when the field is missing, changed, expired or another user's.</summary>
    public ConnectorDraft? Unprotect(HttpContext context, string? protectedDraft)
    {
        if (string.IsNullOrEmpty(protectedDraft) || protectedDraft.Length > MaxProtectedLength)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ConnectorDraft>(Protector(context).Unprotect(protectedDraft, out _));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private ITimeLimitedDataProtector Protector(HttpContext context) =>
        protection.CreateProtector("Snapsight.Console.ConnectorDraft", RequestActor.SubscriptionId(context).ToString(),
            RequestActor.UserId(context).ToString()).ToTimeLimitedDataProtector();
}

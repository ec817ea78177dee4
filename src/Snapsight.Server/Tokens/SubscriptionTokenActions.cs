using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tokens;
using Snapsight.Server.Auth;

namespace Snapsight.Server.Tokens;

/// <summary>
/// Issuing and revoking subscription tokens for the signed-in user, each audited: the API's endpoints
/// and the console's tokens page both go through here, so the two write the same audit entries.
/// </summary>
public sealed class SubscriptionTokenActions(
    SubscriptionTokenService service, SubscriptionTokenSettings settings, AuditLog audit, ControlDbContext db, TimeProvider clock)
{
    /// <summary>Issues a token living <paramref name="seconds"/> (capped by the settings); refuses a lifetime under the minimum.</summary>
    /// <exception cref="InvalidFieldException">The lifetime is missing or shorter than the minimum.</exception>
    public async Task<IssuedSubscriptionToken> IssueAsync(HttpContext context, long? seconds)
    {
        if (seconds is not { } lifetime || lifetime < settings.MinLifetime.TotalSeconds)
        {
            throw new InvalidFieldException("expiry", $"give the lifetime in seconds, at least {settings.MinLifetime.TotalSeconds:0}");
        }

        var issued = service.Issue(RequestActor.SubscriptionId(context), RequestActor.UserId(context), lifetime);
        audit.Record(RequestActor.Name(context), AuditActions.TokenIssue, issued.Token.Id.ToString(), true,
            issued.Token.SubscriptionId, RequestActor.Client(context),
            issued.Capped ? $"expiry capped to {settings.MaxLifetime.TotalSeconds:0} s" : null);
        await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
        return issued;
    }

    /// <summary>Revokes the token (once revoked, it stays revoked at its first time); false when there is no such token.</summary>
    public async Task<bool> RevokeAsync(HttpContext context, Guid id)
    {
        var token = await db.SubscriptionTokens.SingleOrDefaultAsync(t => t.Id == id, context.RequestAborted).ConfigureAwait(false);
        if (token is null)
        {
            return false;
        }

        token.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        audit.Record(RequestActor.Name(context), AuditActions.TokenRevoke, id.ToString(), true, token.SubscriptionId,
            RequestActor.Client(context));
        await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
        return true;
    }

    /// <summary>The subscription's tokens, newest first.</summary>
    public IOrderedQueryable<SubscriptionToken> Listed() =>
        db.SubscriptionTokens.AsNoTracking().OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id);
}

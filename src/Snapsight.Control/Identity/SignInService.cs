using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Identity;

/// <summary>
/// Checks a user name and password and issues an access token. The throttle is consulted before
/// any hashing, an unknown name costs the same hashing as a wrong password, and every attempt is
/// audited without the password.
/// </summary>
public sealed class SignInService(
    ControlDbContext db, PasswordHasher hasher, AccessTokens tokens, SignInThrottle throttle, AuditLog audit)
{
    /// <summary>What the audit log says for a sign-in with a name that matches no user.</summary>
    public const string UnknownName = "(unknown name)";

    /// <param name="client">The client's address, as the audit log records it.</param>
    /// <param name="throttleKey">The client as the throttle counts it (an IPv6 host by its /64).</param>
    public async Task<SignInOutcome> SignInAsync(string username, string password, string client, string throttleKey,
        CancellationToken ct)
    {
        var name = User.Normalize(username);

        // Refused attempts cost neither a hash nor a database write: that is what makes a flood cheap
        // to turn away. The failure that started the refusal was audited.
        var admission = throttle.Begin(name, throttleKey);
        if (!admission.Allowed)
        {
            return new SignInOutcome.Throttled(admission.RetryAfter);
        }

        if (name.Length is 0 or > ControlLimits.UsernameLength || password.Length > ControlLimits.PasswordMaxLength)
        {
            return await Refuse(UnknownName, client, null, "malformed", admission, ct).ConfigureAwait(false);
        }

        // Sign-in comes before any tenant is known: the one place users are looked up across subscriptions.
        var user = await db.Users.IgnoreQueryFilters()
            .SingleOrDefaultAsync(u => u.NormalizedUsername == name, ct).ConfigureAwait(false);
        if (user is null)
        {
            await hasher.VerifyDecoyAsync(password, ct).ConfigureAwait(false);
            // The typed text is not kept: a name that matches no user is often a password typed in the wrong field.
            return await Refuse(UnknownName, client, null, "bad credentials", admission, ct).ConfigureAwait(false);
        }

        if (!await hasher.VerifyAsync(user.PasswordHash, password, ct).ConfigureAwait(false) || user.Disabled)
        {
            return await Refuse(user.Username, client, user.SubscriptionId, "bad credentials", admission, ct).ConfigureAwait(false);
        }

        throttle.Succeeded(name, throttleKey);
        if (hasher.NeedsRehash(user.PasswordHash))
        {
            user.PasswordHash = await hasher.HashAsync(password, ct).ConfigureAwait(false);
        }

        audit.Record(user.Username, AuditActions.SignIn, user.Id.ToString(), true, user.SubscriptionId, client);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new SignInOutcome.Signed(tokens.Issue(user), user.Id, user.SubscriptionId);
    }

    private async Task<SignInOutcome> Refuse(string actor, string client, Guid? subscription, string detail,
        SignInAdmission admission, CancellationToken ct)
    {
        audit.Record(actor, AuditActions.SignIn, null, false, subscription, client,
            admission.LastBeforeLock ? detail + "; further attempts are refused for a while" : detail);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new SignInOutcome.Invalid();
    }
}

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
    public async Task<SignInOutcome> SignInAsync(string username, string password, string client, CancellationToken ct)
    {
        var name = User.Normalize(username);

        // Refused attempts cost neither a hash nor a database write: that is what makes a flood cheap
        // to turn away. The failure that started the refusal was audited.
        var admission = throttle.Begin(name, client);
        if (!admission.Allowed)
        {
            return new SignInOutcome.Throttled(admission.RetryAfter);
        }

        if (name.Length is 0 or > ControlLimits.UsernameLength || password.Length > ControlLimits.PasswordMaxLength)
        {
            return await Refuse(username, client, null, "malformed", admission, ct).ConfigureAwait(false);
        }

        // Sign-in comes before any tenant is known: the one place users are looked up across subscriptions.
        var user = await db.Users.IgnoreQueryFilters()
            .SingleOrDefaultAsync(u => u.NormalizedUsername == name, ct).ConfigureAwait(false);
        if (user is null)
        {
            PasswordHasher.VerifyDecoy(password);
            return await Refuse(username, client, null, "bad credentials", admission, ct).ConfigureAwait(false);
        }

        if (!PasswordHasher.Verify(user.PasswordHash, password) || user.Disabled)
        {
            return await Refuse(username, client, user.SubscriptionId, "bad credentials", admission, ct).ConfigureAwait(false);
        }

        throttle.Succeeded(name, client);
        if (hasher.NeedsRehash(user.PasswordHash))
        {
            user.PasswordHash = hasher.Hash(password);
        }

        audit.Record(user.Username, AuditActions.SignIn, user.Id.ToString(), true, user.SubscriptionId, client);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new SignInOutcome.Signed(tokens.Issue(user));
    }

    private async Task<SignInOutcome> Refuse(string username, string client, Guid? subscription, string detail,
        SignInAdmission admission, CancellationToken ct)
    {
        audit.Record(username, AuditActions.SignIn, null, false, subscription, client,
            admission.LastBeforeLock ? detail + "; further attempts are refused for a while" : detail);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new SignInOutcome.Invalid();
    }
}

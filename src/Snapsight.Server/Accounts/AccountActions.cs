using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Accounts;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Server.Auth;

namespace Snapsight.Server.Accounts;

/// <summary>
/// Registering, deregistering and removing accounts for the signed-in user or call-back, each audited: the API's
/// endpoints and the console's account pages both go through here (registration through <see cref="AccountRegistrations"/>),
/// so the two write the same audit entries.
/// </summary>
public sealed class AccountActions(AccountRegistrations registrations, ControlDbContext db, RegisteredAwsAccounts directory, AuditLog audit)
{
    public Task<RegistrationOutcome> RegisterServiceAsync(HttpContext context, ServiceAccountRegistration body) =>
        registrations.RegisterServiceAsync(body, Caller(context), context.RequestAborted);

    public Task<RegistrationOutcome> RegisterTargetAsync(HttpContext context, TargetAccountRegistration body) =>
        registrations.RegisterTargetAsync(body, Caller(context), context.RequestAborted);

    /// <summary>Deregisters the service account; false when none is registered.</summary>
    public Task<bool> DeregisterServiceAsync(HttpContext context) =>
        RemoveAsync(context, db.ServiceAccounts, AuditActions.ServiceAccountDeregister);

    /// <summary>Removes a target account; false when there is no such account.</summary>
    public Task<bool> RemoveTargetAsync(HttpContext context, Guid id) =>
        RemoveAsync(context, db.TargetAccounts.Where(a => a.Id == id), AuditActions.TargetAccountRemove);

    private async Task<bool> RemoveAsync<TAccount>(HttpContext context, IQueryable<TAccount> found, string action)
        where TAccount : RegisteredAccount
    {
        var account = await found.SingleOrDefaultAsync(context.RequestAborted).ConfigureAwait(false);
        if (account is null)
        {
            return false;
        }

        db.Remove(account);
        audit.Record(RequestActor.Name(context), action, account.AccountId, true, account.SubscriptionId, RequestActor.Client(context));
        await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
        directory.Forget(account.SubscriptionId);
        return true;
    }

    private static RegistrationCaller Caller(HttpContext context) =>
        new(RequestActor.SubscriptionId(context), RequestActor.Name(context), RequestActor.Client(context));
}

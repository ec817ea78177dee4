using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control;
using Snapsight.Control.Accounts;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Server.Auth;

namespace Snapsight.Server.Accounts;

/// <summary>
/// Creating and changing connectors for the signed-in user, each validated by <see cref="ConnectorRules"/> and the
/// subscription-wide checks, then audited: the API's endpoints and the console's wizard both go through here, so
/// the two refuse the same input and write the same audit entries; deleting goes through here too (the API's
/// <c>DELETE</c> and the console's connector page). Refusals are thrown:
/// <see cref="AccountInputException"/> or a template parameter exception for a field, <see cref="InvalidFieldException"/>
/// for a name or account another connector holds, <see cref="ConflictException"/> for zero-touch without a service account.
/// </summary>
public sealed class ConnectorActions(ControlDbContext db, AuditLog audit, TimeProvider clock, RegisteredAwsAccounts directory)
{
    /// <summary>Says why zero-touch snapshot scanning cannot be turned on yet: the console shows it beside the greyed-out checkbox.</summary>
    public const string ZeroTouchNeedsServiceAccount = "zero-touch snapshot scanning needs a service account: register a service account first "
        + "(deploy the service-account template, or POST /conn/snapshot/v1.0/register-service-account)";

    /// <summary>
    /// Validates and saves a new connector. <paramref name="externalId"/> is one <see cref="ExternalIds.New"/> issued
    /// earlier (the console shows it before the connector exists); a new one is issued when null. The caller never chooses it.
    /// </summary>
    public async Task<Connector> CreateAsync(HttpContext context, ConnectorInput input, string? externalId = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = clock.GetUtcNow().UtcDateTime;
        var connector = new Connector
        {
            Id = Guid.NewGuid(),
            SubscriptionId = RequestActor.SubscriptionId(context),
            ExternalId = externalId ?? ExternalIds.New(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        ConnectorRules.Apply(connector, input, creating: true);
        await CheckAsync(connector, input, context.RequestAborted).ConfigureAwait(false);
        db.Connectors.Add(connector);
        audit.Record(RequestActor.Name(context), AuditActions.ConnectorCreate, connector.Id.ToString(), true,
            connector.SubscriptionId, RequestActor.Client(context), $"name '{connector.Name}', account {connector.AccountId}");
        await SaveAsync(context.RequestAborted).ConfigureAwait(false);
        return connector;
    }

    /// <summary>Changes the fields <paramref name="input"/> gives and validates the whole again; null when there is no such connector.</summary>
    public async Task<Connector?> ChangeAsync(HttpContext context, Guid id, ConnectorInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var connector = await db.Connectors.SingleOrDefaultAsync(c => c.Id == id, context.RequestAborted).ConfigureAwait(false);
        if (connector is null)
        {
            return null;
        }

        ConnectorRules.Apply(connector, input, creating: false);
        await CheckAsync(connector, input, context.RequestAborted).ConfigureAwait(false);
        connector.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        var changed = db.Entry(connector).Properties.Where(p => p.IsModified && p.Metadata.Name != nameof(Connector.UpdatedAt))
            .Select(p => p.Metadata.Name);
        audit.Record(RequestActor.Name(context), AuditActions.ConnectorChange, connector.Id.ToString(), true, connector.SubscriptionId,
            RequestActor.Client(context), "changed: " + string.Join(", ", changed));
        await SaveAsync(context.RequestAborted).ConfigureAwait(false);
        return connector;
    }

    /// <summary>
    /// Deletes the connector, deregistering the service account and removing the target accounts registered on it, each
    /// audited; null when there is no such connector. Discovered assets, their scans and findings stay.
    /// </summary>
    public async Task<Connector?> DeleteAsync(HttpContext context, Guid id)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ct = context.RequestAborted;
        var connector = await db.Connectors.SingleOrDefaultAsync(c => c.Id == id, ct).ConfigureAwait(false);
        if (connector is null)
        {
            return null;
        }

        var (actor, client) = (RequestActor.Name(context), RequestActor.Client(context));
        foreach (var service in await db.ServiceAccounts.Where(a => a.ConnectorId == id).ToListAsync(ct).ConfigureAwait(false))
        {
            db.ServiceAccounts.Remove(service);
            audit.Record(actor, AuditActions.ServiceAccountDeregister, service.AccountId, true, connector.SubscriptionId, client,
                $"connector {id} deleted");
        }

        foreach (var target in await db.TargetAccounts.Where(a => a.ConnectorId == id).ToListAsync(ct).ConfigureAwait(false))
        {
            db.TargetAccounts.Remove(target);
            audit.Record(actor, AuditActions.TargetAccountRemove, target.AccountId, true, connector.SubscriptionId, client,
                $"connector {id} deleted");
        }

        db.Connectors.Remove(connector);
        audit.Record(actor, AuditActions.ConnectorDelete, id.ToString(), true, connector.SubscriptionId, client, $"name '{connector.Name}'");
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        // The provider must stop acting in these accounts now, not when its cached answer expires.
        directory.Forget(connector.SubscriptionId);
        return connector;
    }

    /// <summary>Why a connector with this name or for this account cannot be saved beside the others (either may be null), or null.</summary>
    public async Task<InvalidFieldException?> ClashAsync(Guid? id, string? name, string? accountId, CancellationToken ct)
    {
        var others = db.Connectors.AsNoTracking().Where(c => c.Id != id);
        if (name is not null && await others.AnyAsync(c => c.Name == name, ct).ConfigureAwait(false))
        {
            return new InvalidFieldException("name", $"a connector named '{name}' exists already");
        }

        return accountId is not null && await others.AnyAsync(c => c.AccountId == accountId, ct).ConfigureAwait(false)
            ? new InvalidFieldException("roleArn", $"another connector is for account {accountId}; a subscription has one per account")
            : null;
    }

    /// <summary>Whether zero-touch snapshot scanning may be turned on: only once a service account is registered.</summary>
    public Task<bool> ZeroTouchAllowedAsync(CancellationToken ct) =>
        db.ServiceAccounts.AnyAsync(a => a.State == ValidationState.Registered, ct);

    /// <summary>What the rules of one connector cannot see: names and accounts taken by others, and zero-touch before a service account.</summary>
    private async Task CheckAsync(Connector connector, ConnectorInput input, CancellationToken ct)
    {
        if (await ClashAsync(connector.Id, connector.Name, connector.AccountId, ct).ConfigureAwait(false) is { } clash)
        {
            throw clash;
        }

        if (input.ZeroTouchSnapshot == true && !await ZeroTouchAllowedAsync(ct).ConfigureAwait(false))
        {
            throw new ConflictException(ZeroTouchNeedsServiceAccount);
        }
    }

    /// <summary>Saves; a unique index broken by a concurrent request (same name or account) is a refusal, not a 500.</summary>
    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException race) when (UniqueViolation.Is(race))
        {
            throw new InvalidFieldException("name", "another connector with this name or account was saved at the same time");
        }
    }
}

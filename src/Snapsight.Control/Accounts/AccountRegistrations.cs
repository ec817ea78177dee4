using Microsoft.EntityFrameworkCore;
using Snapsight.Cloud.Accounts;
using Snapsight.Cloud.Aws.Templates;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Audit;
using Snapsight.Control.Discovery;
using Snapsight.Control.Persistence;

namespace Snapsight.Control.Accounts;

/// <summary>
/// The registration workflow of service and target accounts (the equivalent of the
/// register-service-account step function): check the body, find the connector whose role ARN
/// names the account, save the row as validating, ask the cloud (<see cref="IAccountAccess"/>)
/// whether the connector's role works there, and save registered or failed with the cause.
/// It runs inline in the request today; the state is stored at each step so that a background
/// worker can take the check over later without changing what readers see. Once saved, the AWS
/// provider's cached view of the subscription's accounts is dropped (<see cref="RegisteredAwsAccounts"/>).
/// </summary>
public sealed class AccountRegistrations(
    ControlDbContext db, IAccountAccess access, RegisteredAwsAccounts directory, AuditLog audit, TimeProvider clock, DiscoveryWakeUp discovery)
{
    public async Task<RegistrationOutcome> RegisterServiceAsync(ServiceAccountRegistration body, RegistrationCaller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        var accountId = CheckAccountId(body.AccountId);
        var subscription = await db.Subscriptions.AsNoTracking().SingleAsync(ct).ConfigureAwait(false);
        var hours = Schedule.Hours(body.Schedule, subscription.ScanIntervalHours);
        var tags = (All: AccountTags.Parse("tags", body.Tags), Any: AccountTags.Parse("tagsAny", body.TagsAny),
            None: AccountTags.Parse("tagsNone", body.TagsNone), Exclusion: AccountTags.Parse("exclusionTags", body.ExclusionTags));
        var concurrency = body.ScannerConcurrency ?? TemplateRequest.DefaultScannerConcurrency;
        if (concurrency is < TemplateRequest.MinScannerConcurrency or > TemplateRequest.MaxScannerConcurrency)
        {
            throw new AccountInputException("scannerConcurrency",
                $"{concurrency} is outside {TemplateRequest.MinScannerConcurrency} to {TemplateRequest.MaxScannerConcurrency}");
        }

        var connector = await ConnectorOfAsync(accountId, ct).ConfigureAwait(false);
        if (connector is null)
        {
            return await NoConnectorAsync(accountId, AuditActions.ServiceAccountRegister, caller, ct).ConfigureAwait(false);
        }

        var partition = AccountTypes.Partition(connector.AccountType);
        var regions = RegionList.Check("regions", body.Regions ?? connector.Regions, partition);
        var targetRegions = RegionList.Check("targetRegions", body.TargetRegions ?? regions, partition);
        if (!connector.Applications.HasFlag(ConnectorApplications.Cspm))
        {
            return await RefuseAsync(AuditActions.ServiceAccountRegister, accountId, caller, RegistrationErrors.ConnectorLacksCspm,
                $"connector '{connector.Name}' does not have CSPM; the service account's connector must", ct).ConfigureAwait(false);
        }

        var existing = await db.ServiceAccounts.SingleOrDefaultAsync(ct).ConfigureAwait(false);
        if (existing is not null && existing.AccountId != accountId)
        {
            return await RefuseAsync(AuditActions.ServiceAccountRegister, accountId, caller, RegistrationErrors.AlreadyRegistered,
                $"another service account ({existing.AccountId}) is registered; deregister it first", ct).ConfigureAwait(false);
        }

        var account = existing ?? new ServiceAccount { Id = Guid.NewGuid(), AccountId = accountId, CreatedAt = Now };
        var settings = (hours, string.Join(',', tags.All), string.Join(',', tags.Any), string.Join(',', tags.None),
            string.Join(',', tags.Exclusion), string.Join(',', regions), string.Join(',', targetRegions), concurrency,
            body.EventBasedScanning ?? false);
        var unchanged = existing is { State: ValidationState.Registered } && settings == (existing.ScheduleHours,
            string.Join(',', existing.Tags), string.Join(',', existing.TagsAny), string.Join(',', existing.TagsNone),
            string.Join(',', existing.ExclusionTags), string.Join(',', existing.Regions), string.Join(',', existing.TargetRegions),
            existing.ScannerConcurrency, existing.EventBasedScanning) && existing.ConnectorId == connector.Id;
        if (unchanged)
        {
            return new RegistrationOutcome(RegistrationResult.Unchanged, existing);
        }

        account.SubscriptionId = caller.SubscriptionId;
        account.ConnectorId = connector.Id;
        account.ScheduleHours = hours;
        (account.Tags, account.TagsAny, account.TagsNone, account.ExclusionTags) = (tags.All, tags.Any, tags.None, tags.Exclusion);
        (account.Regions, account.TargetRegions) = ([.. regions], [.. targetRegions]);
        account.ScannerConcurrency = concurrency;
        account.EventBasedScanning = body.EventBasedScanning ?? false;
        return await ValidateAsync(account, existing is null, connector, AccountPurpose.Service, AuditActions.ServiceAccountRegister,
            "another service account is registered", caller, ct).ConfigureAwait(false);
    }

    public async Task<RegistrationOutcome> RegisterTargetAsync(TargetAccountRegistration body, RegistrationCaller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        var accountId = CheckAccountId(body.AccountId);
        if (body.RoleArn is not null)
        {
            _ = RoleArn.Parse(body.RoleArn, "roleArn");
        }

        var connector = await ConnectorOfAsync(accountId, ct).ConfigureAwait(false);
        if (connector is null)
        {
            return await NoConnectorAsync(accountId, AuditActions.TargetAccountRegister, caller, ct).ConfigureAwait(false);
        }

        if (body.RoleArn is not null && body.RoleArn != connector.RoleArn)
        {
            throw new AccountInputException("roleArn", $"is not the role ARN of connector '{connector.Name}' ({connector.RoleArn}); change the connector or the stack");
        }

        var regions = RegionList.Check("regions", body.Regions ?? connector.Regions, AccountTypes.Partition(connector.AccountType));
        if (!connector.Applications.HasFlag(ConnectorApplications.VulnerabilityScanning))
        {
            return await RefuseAsync(AuditActions.TargetAccountRegister, accountId, caller, RegistrationErrors.ConnectorLacksVulnerabilityScanning,
                $"connector '{connector.Name}' does not have VulnerabilityScanning; a target account's connector must", ct).ConfigureAwait(false);
        }

        var existing = await db.TargetAccounts.SingleOrDefaultAsync(a => a.AccountId == accountId, ct).ConfigureAwait(false);
        var copyAndShare = body.CopyAndShare ?? existing?.CopyAndShare;
        if (existing is { State: ValidationState.Registered } && existing.ConnectorId == connector.Id
            && existing.RoleArn == connector.RoleArn && existing.Regions.SequenceEqual(regions) && existing.CopyAndShare == copyAndShare)
        {
            return new RegistrationOutcome(RegistrationResult.Unchanged, existing);
        }

        var account = existing ?? new TargetAccount { Id = Guid.NewGuid(), AccountId = accountId, RoleArn = connector.RoleArn, CreatedAt = Now };
        account.SubscriptionId = caller.SubscriptionId;
        account.ConnectorId = connector.Id;
        account.RoleArn = connector.RoleArn;
        account.Regions = [.. regions];
        account.CopyAndShare = copyAndShare;
        return await ValidateAsync(account, existing is null, connector, AccountPurpose.Target, AuditActions.TargetAccountRegister,
            "the account is being registered by another request", caller, ct).ConfigureAwait(false);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Saves the row as validating, asks the cloud, then saves registered or failed with the cause.</summary>
    private async Task<RegistrationOutcome> ValidateAsync(RegisteredAccount account, bool isNew, Connector connector,
        AccountPurpose purpose, string action, string raceLost, RegistrationCaller caller, CancellationToken ct)
    {
        account.State = ValidationState.Validating;
        (account.LastErrorCode, account.LastErrorMessage) = (null, null);
        if (isNew)
        {
            db.Add(account);
        }

        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException race) when (UniqueViolation.Is(race))
        {
            // The unique index let another registration in first: ours was never stored.
            db.ChangeTracker.Clear();
            return await RefuseAsync(action, account.AccountId, caller, RegistrationErrors.AlreadyRegistered, raceLost, ct).ConfigureAwait(false);
        }

        var regions = account is ServiceAccount service ? service.Regions.Union(service.TargetRegions).ToList() : account.Regions;
        var checkedAccess = await access.ValidateAsync(account.AccountId, connector.RoleArn, connector.ExternalId, regions, purpose, ct)
            .ConfigureAwait(false);
        account.ValidatedAt = Now;
        if (checkedAccess.Failure is { } failure)
        {
            account.State = ValidationState.Failed;
            (account.LastErrorCode, account.LastErrorMessage) = (AccountAccessFailures.Code(failure), Bounded(checkedAccess.Message));
        }
        else
        {
            account.State = ValidationState.Registered;
        }

        // Whether a target's snapshots leave it (copied and shared) is worth a trace of who said so.
        var registered = account is TargetAccount { CopyAndShare: { } copies }
            ? $"connector {connector.Id}, copyAndShare {(copies ? "true" : "false")}"
            : $"connector {connector.Id}";
        audit.Record(caller.Name, action, account.AccountId, checkedAccess.IsUsable, caller.SubscriptionId, caller.Client,
            checkedAccess.IsUsable ? registered : $"{account.LastErrorCode}: {account.LastErrorMessage}");
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        directory.Forget(account.SubscriptionId);
        if (checkedAccess.IsUsable && account is TargetAccount)
        {
            discovery.Request();
        }

        return checkedAccess.IsUsable
            ? new RegistrationOutcome(isNew ? RegistrationResult.Created : RegistrationResult.Updated, account)
            : new RegistrationOutcome(RegistrationResult.Refused, account, account.LastErrorCode, account.LastErrorMessage);
    }

    private Task<Connector?> ConnectorOfAsync(string accountId, CancellationToken ct) =>
        db.Connectors.AsNoTracking().SingleOrDefaultAsync(c => c.AccountId == accountId, ct);

    private async Task<RegistrationOutcome> NoConnectorAsync(string accountId, string action, RegistrationCaller caller, CancellationToken ct)
    {
        var refused = await RefuseAsync(action, accountId, caller, RegistrationErrors.NoConnector,
            $"no connector's role ARN names account {accountId}; create the connector first", ct).ConfigureAwait(false);
        return refused with { Result = RegistrationResult.NoConnector };
    }

    /// <summary>Audits a refusal that changes no account row.</summary>
    private async Task<RegistrationOutcome> RefuseAsync(string action, string accountId, RegistrationCaller caller, string code,
        string message, CancellationToken ct)
    {
        audit.Record(caller.Name, action, accountId, false, caller.SubscriptionId, caller.Client, $"{code}: {message}");
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new RegistrationOutcome(RegistrationResult.Refused, null, code, message);
    }

    private static string? Bounded(string? message) =>
        message is { Length: > 500 } ? message[..500] : message;

    private static string CheckAccountId(string? accountId) => CloudScope.IsAccountId(accountId)
        ? accountId!
        : throw new AccountInputException("accountId", "give the AWS account id: exactly 12 digits");
}

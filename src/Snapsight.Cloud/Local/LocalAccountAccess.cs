using System.Text.Json;
using Snapsight.Cloud.Accounts;
using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Local;

/// <summary>
/// <see cref="IAccountAccess"/> over the local cloud: an account's roles, their trusted external
/// IDs and permissions, and its enabled regions come from <c>accounts/&lt;account&gt;/account.json</c>.
/// The checks run in the order AWS would fail them: assume the role (exists, not revoked, external
/// ID), then the permissions, then each region.
/// </summary>
public sealed class LocalAccountAccess(string root) : IAccountAccess
{
    /// <summary>account.json is a few roles and regions; anything larger is not one.</summary>
    private const long MaxFileBytes = 1024 * 1024;

    private readonly LocalLayout layout = new(root);

    public async Task<AccountAccessResult> ValidateAsync(string accountId, string roleArn, string externalId,
        IReadOnlyList<string> regions, AccountPurpose purpose, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(regions);
        if (!CloudScope.IsAccountId(accountId))
        {
            return AccountAccessResult.Failed(AccountAccessFailure.RoleCannotBeAssumed, $"'{accountId}' is not an account id");
        }

        var path = Path.Combine(layout.AccountDirectory(accountId), LocalAccountFile.FileName);
        var (account, problem) = await ReadAsync(path, ct).ConfigureAwait(false);
        if (account is null)
        {
            return AccountAccessResult.Failed(AccountAccessFailure.RoleCannotBeAssumed, $"account {accountId}: {problem}");
        }

        var role = account.Roles.FirstOrDefault(r => r.Arn == roleArn);
        if (role is null || role.TrustedExternalId is null)
        {
            return AccountAccessResult.Failed(AccountAccessFailure.RoleCannotBeAssumed,
                $"role {roleArn} does not exist or does not trust Snapsight");
        }

        if (role.SessionsRevoked)
        {
            return AccountAccessResult.Failed(AccountAccessFailure.TokenExpiredOrRevoked,
                $"the sessions of role {roleArn} were revoked; its credentials are no longer accepted");
        }

        if (role.TrustedExternalId != externalId)
        {
            return AccountAccessResult.Failed(AccountAccessFailure.ExternalIdMismatch,
                $"role {roleArn} requires another external ID than the connector's; update the stack with the connector's external ID");
        }

        var missing = AccountPermissions.For(purpose).FirstOrDefault(action => !Grants(role.Permissions, action));
        if (missing is not null)
        {
            return AccountAccessResult.Failed(AccountAccessFailure.MissingPermission, $"role {roleArn} is not allowed {missing}");
        }

        var disabled = regions.FirstOrDefault(r => !account.EnabledRegions.Contains(r, StringComparer.Ordinal));
        return disabled is null
            ? AccountAccessResult.Usable
            : AccountAccessResult.Failed(AccountAccessFailure.RegionNotEnabled, $"region {disabled} is not enabled in account {accountId}");
    }

    private static bool Grants(IEnumerable<string> granted, string action) =>
        granted.Any(g => g == "*" || g == action
            || (g.EndsWith(":*", StringComparison.Ordinal) && action.StartsWith(g[..^1], StringComparison.Ordinal)));

    private static async Task<(LocalAccountFile? Account, string Problem)> ReadAsync(string path, CancellationToken ct)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return (null, "no such account");
        }

        if (file.Length > MaxFileBytes)
        {
            return (null, $"{LocalAccountFile.FileName} is {file.Length} bytes, more than an account description can be");
        }

        try
        {
            var bytes = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
            return (LocalFileReader.Parse(bytes, LocalJson.Default.LocalAccountFile), "");
        }
        catch (JsonException bad)
        {
            return (null, $"{LocalAccountFile.FileName} is not valid: {bad.Message}");
        }
    }
}

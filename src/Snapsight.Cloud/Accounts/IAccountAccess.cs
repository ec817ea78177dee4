namespace Snapsight.Cloud.Accounts;

/// <summary>
/// Checks that Snapsight can act in a customer's account: that the connector's role can be assumed
/// with the connector's external ID, holds the permissions the account's purpose needs, and that
/// every region Snapsight will work in is enabled. The answer names the first cause that fails.
/// </summary>
public interface IAccountAccess
{
    Task<AccountAccessResult> ValidateAsync(string accountId, string roleArn, string externalId,
        IReadOnlyList<string> regions, AccountPurpose purpose, CancellationToken ct);
}

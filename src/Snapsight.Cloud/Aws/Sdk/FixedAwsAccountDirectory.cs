using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Aws.Sdk;

/// <summary>A directory of accounts given once (tests, tools): one role per account, whatever subscription asks.</summary>
public sealed class FixedAwsAccountDirectory : IAwsAccountDirectory
{
    private readonly Dictionary<string, AwsAccount> _accounts;

    public FixedAwsAccountDirectory(IEnumerable<AwsAccount> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        _accounts = new Dictionary<string, AwsAccount>(StringComparer.Ordinal);
        foreach (var account in accounts)
        {
            AwsAccount.Check(account);
            _accounts.Add(account.AccountId, account);
        }
    }

    public IReadOnlyCollection<AwsAccount> Accounts => _accounts.Values;

    public ValueTask<AwsAccount?> FindAsync(string accountId, Guid? subscription, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_accounts.GetValueOrDefault(CloudScope.CheckAccountId(accountId)));
}

using Snapsight.Cloud.Aws.Sdk;

namespace Snapsight.Cloud.Tests.Aws.Sdk;

/// <summary>A directory in which each subscription registered one account its own way, as the server's registrations can.</summary>
internal sealed class SubscriptionAccounts(IReadOnlyDictionary<Guid, AwsAccount> registrations) : IAwsAccountDirectory
{
    public ValueTask<AwsAccount?> FindAsync(string accountId, Guid? subscription, CancellationToken cancellationToken) =>
        ValueTask.FromResult(subscription is { } id && registrations.TryGetValue(id, out var account) && account.AccountId == accountId
            ? account
            : null);
}

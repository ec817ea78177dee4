using Snapsight.Cloud.Accounts;

namespace Snapsight.Cloud.Aws.Sdk;

/// <summary>Registrations validated on AWS, by the provider the server acts with (<see cref="AwsCloudProvider.CheckAccessAsync"/>).</summary>
public sealed class AwsAccountAccess(AwsCloudProvider provider) : IAccountAccess
{
    public Task<AccountAccessResult> ValidateAsync(string accountId, string roleArn, string externalId,
        IReadOnlyList<string> regions, AccountPurpose purpose, CancellationToken ct) =>
        provider.CheckAccessAsync(accountId, roleArn, externalId, regions, purpose, ct);
}

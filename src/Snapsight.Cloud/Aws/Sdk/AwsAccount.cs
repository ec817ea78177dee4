using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Aws.Sdk;

/// <summary>
/// An account the AWS provider acts in, as a connector registered it: the role to assume with
/// the connector's external ID, and the regions Snapsight works in there. The service account
/// itself has no role: the provider acts in it with its own (base) credentials.
/// </summary>
public sealed record AwsAccount
{
    public required string AccountId { get; init; }

    /// <summary>The target role's ARN (created by the target template), or null for the service account.</summary>
    public string? RoleArn { get; init; }

    /// <summary>The external ID the role trusts; required with <see cref="RoleArn"/>.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The regions the templates enabled; any other is not found for this account.</summary>
    public required IReadOnlyList<string> Regions { get; init; }

    /// <summary>Refuses an account the provider could not act in safely: a caller's bug, or a directory's.</summary>
    public static void Check(AwsAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        CloudScope.CheckAccountId(account.AccountId);
        if (account.Regions.Count == 0 || !account.Regions.All(CloudScope.IsRegion))
        {
            throw new ArgumentException($"account {account.AccountId}: at least one region, each a region name", nameof(account));
        }

        if (account.RoleArn is not null && string.IsNullOrEmpty(account.ExternalId))
        {
            throw new ArgumentException($"account {account.AccountId}: a role is only ever assumed with its external ID", nameof(account));
        }
    }
}

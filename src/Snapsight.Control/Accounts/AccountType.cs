using Snapsight.Cloud.Aws;

namespace Snapsight.Control.Accounts;

/// <summary>Which AWS partition a connector's account lives in; the API writes it commercial, govcloud or china.</summary>
public enum AccountType
{
    Commercial,
    GovCloud,
    China,
}

public static class AccountTypes
{
    public static AwsPartition Partition(AccountType type) => type switch
    {
        AccountType.GovCloud => AwsPartition.AwsUsGov,
        AccountType.China => AwsPartition.AwsCn,
        _ => AwsPartition.Aws,
    };

    public static string Name(AccountType type) => type.ToString().ToLowerInvariant();

    /// <summary>The type named exactly <paramref name="name"/> (commercial, govcloud, china), or null.</summary>
    public static AccountType? Parse(string? name) =>
        Enum.GetValues<AccountType>().Cast<AccountType?>().FirstOrDefault(t => Name(t!.Value) == name);
}

using System.Text.RegularExpressions;

namespace Snapsight.Cloud.Provider;

/// <summary>
/// Where a call acts and as whom: the account whose role makes the call, in one region. Both are
/// validated here, once, because they end up in ARNs and (for the local provider) in paths. The
/// subscription, when set, says whose registration of the account the call acts through: two
/// subscriptions may register one AWS account, each with its own connector (role and external ID).
/// </summary>
public readonly partial record struct CloudScope
{
    public CloudScope(string accountId, string region)
    {
        AccountId = CheckAccountId(accountId);
        Region = IsRegion(region)
            ? region
            : throw new CloudProviderException(CloudErrorCode.InvalidParameter, region, $"'{region}' is not a region name such as eu-west-1");
    }

    /// <summary>Twelve digits, as AWS writes account ids.</summary>
    public string AccountId { get; }

    public string Region { get; }

    /// <summary>
    /// The subscription on whose behalf the call acts, which picks the connector (role and external
    /// ID) a provider with per-subscription registrations assumes; null where one role per account is
    /// all there is (the local cloud, a fixed list of accounts).
    /// </summary>
    public Guid? Subscription { get; init; }

    public static bool IsAccountId(string? text) => text is not null && AccountIdPattern().IsMatch(text);

    public static bool IsRegion(string? text) => text is not null && RegionPattern().IsMatch(text);

    public static string CheckAccountId(string accountId) => IsAccountId(accountId)
        ? accountId
        : throw new CloudProviderException(CloudErrorCode.InvalidParameter, accountId, $"'{accountId}' is not a 12-digit account id");

    public override string ToString() => $"{AccountId}/{Region}";

    [GeneratedRegex("^[0-9]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountIdPattern();

    // Partition prefixes (us-gov-, cn-, eu-isoe-…) and the region itself: lower-case words and a number.
    [GeneratedRegex("^[a-z]{2,8}(-[a-z]{2,12}){1,3}-[0-9]{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}

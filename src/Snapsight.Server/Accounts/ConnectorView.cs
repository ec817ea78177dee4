using Snapsight.Control.Accounts;

namespace Snapsight.Server.Accounts;

/// <summary>A connector as the API shows it: the external ID masked, except in the creation's answer.</summary>
public sealed record ConnectorView(
    Guid Id, string Name, string Description, IReadOnlyList<string> Applications, string AccountType, int PollingFrequencyHours,
    string RoleArn, string AccountId, IReadOnlyList<string> Regions, IReadOnlyList<AccountTag> AssetTags, bool AutoActivate,
    bool ZeroTouchSnapshot, string ExternalId, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static ConnectorView Of(Connector c, bool showExternalId = false) => new(
        c.Id, c.Name, c.Description,
        [.. Enum.GetValues<ConnectorApplications>().Where(a => a != ConnectorApplications.None && c.Applications.HasFlag(a)).Select(a => a.ToString())],
        AccountTypes.Name(c.AccountType), c.PollingFrequencyHours, c.RoleArn, c.AccountId, c.Regions, AccountTags.Show(c.AssetTags),
        c.AutoActivate, c.ZeroTouchSnapshot, showExternalId ? c.ExternalId : ExternalIds.Mask(c.ExternalId), c.CreatedAt, c.UpdatedAt);
}

using Snapsight.Control.Accounts;

namespace Snapsight.Server.Accounts;

/// <summary>The service account as the API shows it, with where its validation stands.</summary>
public sealed record ServiceAccountView(
    Guid Id, string AccountId, Guid ConnectorId, string State, RegistrationErrorView? LastError, int ScheduleHours,
    IReadOnlyList<AccountTag> Tags, IReadOnlyList<AccountTag> TagsAny, IReadOnlyList<AccountTag> TagsNone,
    IReadOnlyList<AccountTag> ExclusionTags, IReadOnlyList<string> Regions, IReadOnlyList<string> TargetRegions,
    int ScannerConcurrency, bool EventBasedScanning, DateTime CreatedAt, DateTime? ValidatedAt)
{
    public static ServiceAccountView Of(ServiceAccount a) => new(
        a.Id, a.AccountId, a.ConnectorId, RegistrationErrorView.StateOf(a), RegistrationErrorView.Of(a), a.ScheduleHours,
        AccountTags.Show(a.Tags), AccountTags.Show(a.TagsAny), AccountTags.Show(a.TagsNone), AccountTags.Show(a.ExclusionTags),
        a.Regions, a.TargetRegions, a.ScannerConcurrency, a.EventBasedScanning, a.CreatedAt, a.ValidatedAt);
}

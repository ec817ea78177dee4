using Snapsight.Control.Accounts;

namespace Snapsight.Server.Accounts;

/// <summary>A target account as the API shows it, with where its validation stands.</summary>
public sealed record TargetAccountView(
    Guid Id, string AccountId, Guid ConnectorId, string RoleArn, string State, RegistrationErrorView? LastError,
    IReadOnlyList<string> Regions, DateTime CreatedAt, DateTime? ValidatedAt, DateTime? LastDiscoveredAt, string? DiscoveryError)
{
    public static TargetAccountView Of(TargetAccount a) => new(
        a.Id, a.AccountId, a.ConnectorId, a.RoleArn, RegistrationErrorView.StateOf(a), RegistrationErrorView.Of(a), a.Regions,
        a.CreatedAt, a.ValidatedAt, a.LastDiscoveredAt, a.DiscoveryError);
}

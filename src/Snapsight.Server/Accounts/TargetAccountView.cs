using Snapsight.Cloud.Provider;
using Snapsight.Control.Accounts;
using Snapsight.Control.Scans;
using Snapsight.Server.Hosting;

namespace Snapsight.Server.Accounts;

/// <summary>
/// A target account as the API shows it, with where its validation stands and how its snapshots are read:
/// <see cref="CopyAndShare"/> as its template reported it (null when it did not), and <see cref="SnapshotAccess"/>
/// the mode its next runs take (<c>read-in-place</c>, <c>copy-and-share</c>, or <c>share-to-service-account</c>
/// on the local cloud), the server's default when the template did not say.
/// </summary>
public sealed record TargetAccountView(
    Guid Id, string AccountId, Guid ConnectorId, string RoleArn, string State, RegistrationErrorView? LastError,
    IReadOnlyList<string> Regions, DateTime CreatedAt, DateTime? ValidatedAt, DateTime? LastDiscoveredAt, string? DiscoveryError,
    bool? CopyAndShare, string SnapshotAccess)
{
    /// <param name="cloudDefault">The cloud's mode for accounts whose template did not say (<see cref="ICloudProvider.SnapshotAccess"/>).</param>
    public static TargetAccountView Of(TargetAccount a, SnapshotAccess cloudDefault) => new(
        a.Id, a.AccountId, a.ConnectorId, a.RoleArn, RegistrationErrorView.StateOf(a), RegistrationErrorView.Of(a), a.Regions,
        a.CreatedAt, a.ValidatedAt, a.LastDiscoveredAt, a.DiscoveryError, a.CopyAndShare, CloudChoice.Name(SnapshotAccessChoice.Of(cloudDefault, a.CopyAndShare)));
}

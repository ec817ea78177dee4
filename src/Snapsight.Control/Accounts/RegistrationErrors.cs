using Snapsight.Cloud.Accounts;

namespace Snapsight.Control.Accounts;

/// <summary>
/// The reason codes a registration fails with, stable for scripts: the cloud's own
/// (<see cref="AccountAccessFailures.Code"/>) and those the server decides before asking the cloud.
/// </summary>
public static class RegistrationErrors
{
    public const string AlreadyRegistered = "already_registered";
    public const string ConnectorLacksCspm = "connector_lacks_cspm";
    public const string ConnectorLacksVulnerabilityScanning = "connector_lacks_vulnerability_scanning";
    public const string NoConnector = "no_connector";
}

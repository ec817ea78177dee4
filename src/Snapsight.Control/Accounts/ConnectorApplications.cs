namespace Snapsight.Control.Accounts;

/// <summary>What a connector is used for; at least one.</summary>
[Flags]
public enum ConnectorApplications
{
    None = 0,
    VulnerabilityScanning = 1,

    /// <summary>Cloud security posture; a service account's connector must have it.</summary>
    Cspm = 2,
}

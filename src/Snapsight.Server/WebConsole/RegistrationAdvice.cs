using Snapsight.Control.Accounts;

namespace Snapsight.Server.WebConsole;

/// <summary>What to do about a registration's reason code, in words, beside the message that says what failed.</summary>
public static class RegistrationAdvice
{
    public static string For(string code) => code switch
    {
        "role_cannot_be_assumed" => "Check that the account's stack is deployed and its role ARN is the connector's.",
        "external_id_mismatch" => "Update the account's stack with the connector's external ID (download the target template again).",
        "missing_permission" => "Deploy the current template version: the role lacks a permission it grants.",
        "region_not_enabled" => "Enable the region in the account, or leave it out of the regions.",
        "token_expired_or_revoked" => "The role's sessions were revoked: update the stack, then register again.",
        "cloud_unavailable" => "AWS could not be asked just now: register again in a few minutes.",
        RegistrationErrors.NoConnector => "Create a connector whose role ARN names this account first.",
        RegistrationErrors.AlreadyRegistered => "Deregister the registered one first.",
        RegistrationErrors.ConnectorLacksCspm => "Give the account's connector the CSPM application.",
        RegistrationErrors.ConnectorLacksVulnerabilityScanning => "Give the account's connector the vulnerability scanning application.",
        _ => "Correct the cause named, then register again.",
    };
}

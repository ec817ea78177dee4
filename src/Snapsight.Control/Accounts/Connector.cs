using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Accounts;

/// <summary>
/// An AWS connector: the role Snapsight assumes in one account, with the server-issued external ID
/// its trust policy must require, the regions it works in and what it is used for.
/// <see cref="ConnectorRules"/> is the only way its fields are set from input.
/// </summary>
public sealed class Connector : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid SubscriptionId { get; set; }

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    public ConnectorApplications Applications { get; set; }

    public AccountType AccountType { get; set; }

    public int PollingFrequencyHours { get; set; }

    public string RoleArn { get; set; } = "";

    /// <summary>The account the role ARN names; registrations find their connector by it.</summary>
    public string AccountId { get; set; } = "";

    public List<string> Regions { get; set; } = [];

    /// <summary>Tags put on discovered assets, as <c>key=value</c> (each a valid scan tag).</summary>
    public List<string> AssetTags { get; set; } = [];

    public bool AutoActivate { get; set; }

    public bool ZeroTouchSnapshot { get; set; }

    /// <summary>Issued by the server at creation and never changed; shown whole only in the creation's answer.</summary>
    public required string ExternalId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

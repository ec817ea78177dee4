using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Accounts;

/// <summary>An account whose instances are scanned, registered by CFT-T's call-back; one row per account and subscription.</summary>
public sealed class TargetAccount : RegisteredAccount, ITenantOwned
{
    public required string RoleArn { get; set; }

    /// <summary>When discovery last polled the account (successfully or not); the connector's polling frequency counts from here.</summary>
    public DateTime? LastDiscoveredAt { get; set; }

    /// <summary>What went wrong in the last poll, region by region, in plain words; null when every region answered.</summary>
    public string? DiscoveryError { get; set; }
}

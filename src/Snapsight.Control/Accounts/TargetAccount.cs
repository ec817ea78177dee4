using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Accounts;

/// <summary>An account whose instances are scanned, registered by CFT-T's call-back; one row per account and subscription.</summary>
public sealed class TargetAccount : RegisteredAccount, ITenantOwned
{
    public required string RoleArn { get; set; }

    /// <summary>
    /// The target template's <c>CopyAndShare</c> as its call-back reported it: whether runs of the account copy and
    /// share their snapshots (true) or read them in place (false); null when never reported (an account added by
    /// hand, or by a template from before the field), which leaves the server's default (<see cref="Scans.SnapshotAccessChoice"/>).
    /// </summary>
    public bool? CopyAndShare { get; set; }

    /// <summary>When discovery last polled the account (successfully or not); the connector's polling frequency counts from here.</summary>
    public DateTime? LastDiscoveredAt { get; set; }

    /// <summary>What went wrong in the last poll, region by region, in plain words; null when every region answered.</summary>
    public string? DiscoveryError { get; set; }
}

using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Assets;

/// <summary>
/// A virtual machine a connector discovered: one EC2 instance, identified by account, region and
/// instance id within the subscription. <see cref="AssetInventory"/> writes what discovery saw;
/// <see cref="Licence"/> alone changes <see cref="Activation"/>.
/// </summary>
public sealed class Asset : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid SubscriptionId { get; set; }

    /// <summary>The connector that found it; a plain column, so removing a connector keeps the history.</summary>
    public Guid? ConnectorId { get; set; }

    /// <summary>The 12-digit AWS account id.</summary>
    public required string CloudAccountId { get; set; }

    public required string Region { get; set; }

    public required string InstanceId { get; set; }

    public string? Name { get; set; }

    public string? PrivateIpAddress { get; set; }

    public string? PublicIpAddress { get; set; }

    /// <summary>
    /// The address the licence counts: the private one, which every running instance has and which a
    /// public address is translated to, else the public one. Assets sharing it count once.
    /// </summary>
    public string? LicensedIpAddress { get; set; }

    public List<AssetTag> Tags { get; set; } = [];

    public AssetState State { get; set; }

    public DateTime FirstSeenAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    public AssetActivation Activation { get; set; } = AssetActivation.NotActivated;

    /// <summary>Why a not-activated asset is not, from <see cref="ActivationReasons"/>; null otherwise.</summary>
    public string? ActivationReason { get; set; }

    public DateTime? ActivatedAt { get; set; }

    /// <summary>When the last scan of it completed; null until the first. The schedule counts the interval from here.</summary>
    public DateTime? LastScanCompletedAt { get; set; }

    /// <summary>
    /// Set when something asks for a scan before the interval is up (an instance event); a set value
    /// makes the asset due at once, and the scan that completes after it clears it.
    /// </summary>
    public DateTime? ScanRequestedAt { get; set; }
}

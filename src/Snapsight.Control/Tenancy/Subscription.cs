namespace Snapsight.Control.Tenancy;

/// <summary>A tenant: one security team's configuration, users, accounts and results.</summary>
public sealed class Subscription
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>How many distinct IP addresses may be activated for scanning at once.</summary>
    public int LicensedIpAddresses { get; set; } = SubscriptionDefaults.LicensedIpAddresses;

    /// <summary>How often every active asset is scanned; never below 24 hours.</summary>
    public int ScanIntervalHours { get; set; } = SubscriptionDefaults.ScanIntervalHours;

    /// <summary>Bumped by every <see cref="SubscriptionLock"/>: the update that takes the lock.</summary>
    public long LockVersion { get; set; }
}

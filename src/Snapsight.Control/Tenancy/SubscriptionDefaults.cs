namespace Snapsight.Control.Tenancy;

/// <summary>The values a new subscription starts with, and the bounds its settings keep.</summary>
public static class SubscriptionDefaults
{
    public const int LicensedIpAddresses = 100;

    public const int ScanIntervalHours = 24;

    /// <summary>The zero-touch promise: every asset at least once a day, so never less often than this.</summary>
    public const int MinimumScanIntervalHours = 24;

    /// <summary>A week: the longest interval the templates offer.</summary>
    public const int MaximumScanIntervalHours = 168;
}

using Snapsight.Cloud.Aws.Templates;

namespace Snapsight.Control.Tenancy;

/// <summary>
/// The values a new subscription starts with. The scan interval's bounds are the templates' own
/// (<see cref="TemplateRequest.MinScanIntervalHours"/>, <see cref="TemplateRequest.MaxScanIntervalHours"/>),
/// so the setting and the rendered templates cannot disagree.
/// </summary>
public static class SubscriptionDefaults
{
    public const int LicensedIpAddresses = 100;

    /// <summary>The largest licence <c>snapsight server licence</c> sets.</summary>
    public const int MaxLicensedIpAddresses = 1_000_000;

    public const int ScanIntervalHours = TemplateRequest.MinScanIntervalHours;
}

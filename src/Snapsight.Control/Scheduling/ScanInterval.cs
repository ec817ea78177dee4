using Snapsight.Cloud.Aws.Templates;

namespace Snapsight.Control.Scheduling;

/// <summary>How long a scan stays fresh: the subscription's interval, never below a day (issue 7).</summary>
public static class ScanInterval
{
    public static readonly TimeSpan Minimum = TimeSpan.FromHours(TemplateRequest.MinScanIntervalHours);

    public static TimeSpan Of(int hours) => TimeSpan.FromHours(Math.Max(hours, TemplateRequest.MinScanIntervalHours));
}

using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Accounts;

/// <summary>
/// The one account per subscription where scanning runs, registered by CFT-S's call-back with the
/// schedule and tag filters of its template. A unique index on the subscription keeps it one, even
/// when registrations race.
/// </summary>
public sealed class ServiceAccount : RegisteredAccount, ITenantOwned
{
    public int ScheduleHours { get; set; }

    /// <summary>Tag filters as <c>key=value</c>: must have all, at least one of, none of; the exclusion tags.</summary>
    public List<string> Tags { get; set; } = [];

    public List<string> TagsAny { get; set; } = [];

    public List<string> TagsNone { get; set; } = [];

    public List<string> ExclusionTags { get; set; } = [];

    public List<string> TargetRegions { get; set; } = [];

    public int ScannerConcurrency { get; set; }

    public bool EventBasedScanning { get; set; }
}

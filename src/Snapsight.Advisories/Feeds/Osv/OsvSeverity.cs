namespace Snapsight.Advisories.Feeds.Osv;

/// <summary>A severity score as the record gives it, e.g. CVSS_V3 and its vector.</summary>
public sealed record OsvSeverity(string Type, string Score);

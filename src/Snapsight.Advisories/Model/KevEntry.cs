namespace Snapsight.Advisories.Model;

/// <summary>A CVE in CISA's Known Exploited Vulnerabilities catalogue: when it was added and the remediation due date (yyyy-mm-dd).</summary>
public sealed record KevEntry(string Cve, string DateAdded, string? DueDate);

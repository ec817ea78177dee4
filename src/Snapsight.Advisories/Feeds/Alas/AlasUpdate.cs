namespace Snapsight.Advisories.Feeds.Alas;

/// <summary>One &lt;update&gt; of an ALAS updateinfo.xml.</summary>
public sealed record AlasUpdate(
    string Id,
    string? Title,
    string? Issued,
    string? Updated,
    string? Severity,
    string? Description,
    IReadOnlyList<string> Cves,
    IReadOnlyList<AlasPackage> Packages);

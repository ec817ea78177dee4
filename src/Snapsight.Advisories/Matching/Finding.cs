using Snapsight.Advisories.Model;
using Snapsight.Inventory;

namespace Snapsight.Advisories.Matching;

/// <summary>
/// One vulnerability found in one installed package, after merging what several feeds said about
/// it (an ALSA and its CVE are one finding). <see cref="Id"/> is the preferred name (the CVE when
/// there is one), <see cref="Aliases"/> every other; <see cref="FixedVersion"/> is null exactly
/// when <see cref="Status"/> is not <see cref="AffectedStatus.Fixed"/>. <see cref="Severity"/>
/// is the vendor's rating when a feed gave one, else the CVSS score's; <see cref="SeveritySource"/>
/// says which. <see cref="Sources"/> names the feed records it came from ("osv:AlmaLinux ALSA-2023:6938").
/// </summary>
public sealed record Finding
{
    public required string Id { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    public required InventoryPackage Package { get; init; }

    public string? FixedVersion { get; init; }

    public required AffectedStatus Status { get; init; }

    public required Severity Severity { get; init; }

    public string? SeveritySource { get; init; }

    public Cvss? Cvss { get; init; }

    public EpssScore? Epss { get; init; }

    public KevEntry? Kev { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    public required IReadOnlyList<string> Sources { get; init; }

    /// <summary>The name and version looked up: for Debian and Ubuntu the source package's, else the package's own (rpm with its epoch).</summary>
    public string? MatchedName { get; init; }

    public string? MatchedVersion { get; init; }

    /// <summary>Every stored stretch the version fell in, one per feed record, sorted by advisory: the evidence for the finding.</summary>
    public IReadOnlyList<MatchedRange> Matched { get; init; } = [];
}

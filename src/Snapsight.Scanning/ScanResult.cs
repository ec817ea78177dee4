using Snapsight.Advisories.Matching;
using Snapsight.Advisories.Reports;
using Snapsight.Advisories.Store;
using Snapsight.Inventory;
using Snapsight.Inventory.Os;

namespace Snapsight.Scanning;

/// <summary>
/// One finished scan of one machine: what was read, the operating system and packages, the
/// findings (each with its ids, package, installed and fixed version, severity, KEV, EPSS, and
/// the feeds it came from), the upgrades that fix them, the compliance assessment, and every gap.
/// Plain data: the disks are closed by the time it exists. Writers for the SBOM formats and the
/// vulnerability reports work on it.
/// </summary>
public sealed record ScanResult
{
    public required TargetDescription Target { get; init; }

    public required DateTimeOffset ScannedAt { get; init; }

    /// <summary>From opening the target to the end of the last step.</summary>
    public required TimeSpan Elapsed { get; init; }

    public required InventoryResult Inventory { get; init; }

    public OperatingSystemInfo? Os => Inventory.Os;

    /// <summary>The findings left after the filter, in the matcher's order (most severe first).</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    public IReadOnlyList<Remediation> Remediations { get; init; } = [];

    /// <summary>The advisory store matched against; null when the scan took the inventory only.</summary>
    public StoreBuildRecord? Database { get; init; }

    /// <summary>What matching could not tell (a release the store does not cover, a version it could not compare), or that it did not run.</summary>
    public IReadOnlyList<InventoryGap> MatchGaps { get; init; } = [];

    public ComplianceReport? Compliance { get; init; }

    /// <summary>Why a requested compliance assessment did not run (no content for the system, no such profile).</summary>
    public string? ComplianceSkipped { get; init; }

    /// <summary>Every gap: the disks' first, then the inventory's, matching's and compliance's.</summary>
    public IReadOnlyList<InventoryGap> Gaps =>
    [
        .. ScanSbom.Gaps(Target, Inventory),
        .. MatchGaps,
        .. ComplianceSkipped is null ? [] : new[] { new InventoryGap("compliance", ComplianceSkipped) },
    ];

    /// <summary>The inventory as an SBOM (its serial number fresh unless given).</summary>
    public void WriteSbom(Stream output, SbomFormat format, Guid? serialNumber = null) =>
        ScanSbom.Write(output, format, Target, Inventory, ScannedAt, serialNumber ?? Guid.NewGuid());

    /// <summary>The findings with their report's name, tool and time, for SARIF and CycloneDX vulnerability reports; needs the advisory store.</summary>
    public ScanReport ToReport() => new(
        Target.DocumentName,
        ScanTool.Version,
        ScannedAt,
        Inventory with { Gaps = Gaps },
        Findings,
        Database ?? throw new InvalidOperationException("the scan matched no advisories: there is no vulnerability report"));

    public void WriteSarif(Stream output) => SarifWriter.Write(output, ToReport());

    public void WriteCycloneDxVulnerabilities(Stream output, Guid? serialNumber = null) =>
        CycloneDxVulnerabilityWriter.Write(output, ToReport(), serialNumber ?? Guid.NewGuid());
}

using Snapsight.Advisories.Model;
using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Results;

/// <summary>One finding of one stored run; its aliases are rows of their own so a CVE filter matches them exactly.</summary>
public sealed class StoredFinding : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid SubscriptionId { get; set; }

    public Guid RunId { get; set; }

    public Guid AssetId { get; set; }

    public required string VulnerabilityId { get; set; }

    public List<FindingAlias> Aliases { get; set; } = [];

    public required string PackageName { get; set; }

    public required string InstalledVersion { get; set; }

    public string? FixedVersion { get; set; }

    public Severity Severity { get; set; }

    public double? CvssScore { get; set; }

    public bool Kev { get; set; }

    public double? EpssScore { get; set; }

    public string? Remediation { get; set; }

    // The evidence (RunFindingEvidence); null on findings stored without it.
    public string? PackageType { get; set; }

    public string? PackageLocation { get; set; }

    public string? MatchedName { get; set; }

    public string? MatchedVersion { get; set; }

    public List<FindingMatch> Matches { get; set; } = [];

    public FindingKey Key => new(VulnerabilityId, PackageName);
}

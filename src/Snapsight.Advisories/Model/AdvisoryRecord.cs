namespace Snapsight.Advisories.Model;

/// <summary>What a feed parser hands the store for one advisory: the vulnerability and every package stretch it affects.</summary>
public sealed record AdvisoryRecord(VulnerabilityRecord Vulnerability, IReadOnlyList<AffectedRange> Affected);

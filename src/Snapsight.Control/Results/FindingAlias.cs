namespace Snapsight.Control.Results;

/// <summary>Another id of a finding's vulnerability (a DSA's CVE, a GHSA's CVE).</summary>
public sealed class FindingAlias
{
    public required string Alias { get; set; }
}

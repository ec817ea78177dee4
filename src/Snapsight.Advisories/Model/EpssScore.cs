namespace Snapsight.Advisories.Model;

/// <summary>FIRST EPSS: the probability (0–1) of exploitation in the next 30 days, and its percentile (0–1), for one CVE.</summary>
public sealed record EpssScore(string Cve, double Score, double Percentile);

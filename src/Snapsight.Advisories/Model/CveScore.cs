namespace Snapsight.Advisories.Model;

/// <summary>NVD's scoring of one CVE: its preferred CVSS (v4 over v3.1 over v3.0, primary over secondary) and its CWE ids.</summary>
public sealed record CveScore(string Cve, Cvss Cvss, IReadOnlyList<string> Cwes);

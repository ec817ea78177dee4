namespace Snapsight.Advisories.Model;

/// <summary>The five severity levels findings are reported in (CONTRACTS.md: CRITICAL|HIGH|MEDIUM|LOW|UNKNOWN).</summary>
public enum Severity
{
    Unknown,
    Low,
    Medium,
    High,
    Critical,
}

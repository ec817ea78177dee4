namespace Snapsight.Advisories.Model;

/// <summary>
/// Turns the words and scores feeds use into <see cref="Severity"/>: vendor words (Red Hat's
/// "Important", Debian's urgencies, Ubuntu's priorities, ALAS's "medium") and CVSS base scores.
/// </summary>
public static class SeverityNames
{
    /// <summary>The contract's spelling: "CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN".</summary>
    public static string Name(Severity severity) => severity switch
    {
        Severity.Critical => "CRITICAL",
        Severity.High => "HIGH",
        Severity.Medium => "MEDIUM",
        Severity.Low => "LOW",
        _ => "UNKNOWN",
    };

    /// <summary>A vendor's word for a severity, case-insensitive; anything unrecognised is <see cref="Severity.Unknown"/>.</summary>
    public static Severity FromVendorWord(string? word) => word?.Trim().ToUpperInvariant() switch
    {
        "CRITICAL" => Severity.Critical,
        "HIGH" or "IMPORTANT" => Severity.High,
        "MEDIUM" or "MODERATE" => Severity.Medium,
        "LOW" or "NEGLIGIBLE" or "UNIMPORTANT" => Severity.Low,
        _ => Severity.Unknown,
    };

    /// <summary>The CVSS v3/v4 qualitative rating of a base score (0.0 is "None", reported as unknown).</summary>
    public static Severity FromCvssScore(double score) => score switch
    {
        >= 9.0 => Severity.Critical,
        >= 7.0 => Severity.High,
        >= 4.0 => Severity.Medium,
        > 0.0 => Severity.Low,
        _ => Severity.Unknown,
    };
}

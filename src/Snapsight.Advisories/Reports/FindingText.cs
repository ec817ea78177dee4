using System.Globalization;
using Snapsight.Advisories.Matching;
using Snapsight.Advisories.Model;

namespace Snapsight.Advisories.Reports;

/// <summary>The sentences and numbers both reports say about a finding, worded once.</summary>
public static class FindingText
{
    /// <summary>"openssl 3.0.11-1~deb12u1 is affected by CVE-2024-0727; fixed in 3.0.13-1~deb12u1." or "…; no fixed version (will_not_fix)."</summary>
    public static string Summary(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var package = finding.Package.Package;
        return $"{package.Name} {package.Version} is affected by {finding.Id}; {Remedy(finding)}.";
    }

    /// <summary>"Upgrade openssl to 3.0.13-1~deb12u1", or null when no fixed version exists.</summary>
    public static string? Recommendation(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return finding.FixedVersion is { } fixedVersion ? $"Upgrade {finding.Package.Package.Name} to {fixedVersion}" : null;
    }

    /// <summary>The finding's CVSS base score when it has one that CVSS allows (0–10); a feed's NaN or 11 counts as none.</summary>
    public static double? CvssScore(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return finding.Cvss?.Score is { } score && score is >= 0 and <= 10 ? score : null;
    }

    /// <summary>A CVSS base score with one decimal, as CVSS writes it ("9.8"); SARIF's security-severity wants this text.</summary>
    public static string Score(double score) => score.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Remedy(Finding finding) => finding.FixedVersion is { } fixedVersion
        ? $"fixed in {fixedVersion}"
        : $"no fixed version ({AffectedStatusNames.Name(finding.Status)})";
}

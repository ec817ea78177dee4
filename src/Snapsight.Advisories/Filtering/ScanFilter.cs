using Snapsight.Advisories.Matching;
using Snapsight.Advisories.Model;

namespace Snapsight.Advisories.Filtering;

/// <summary>
/// The scan's filters, applied in this order: <c>--severity</c> keeps only the listed ratings;
/// <c>--ignore-unfixed</c> drops findings with no fixed version; ignore-file lines drop
/// findings whose id or an alias they name, until their expiry day has passed; OpenVEX
/// statements saying <c>not_affected</c> or <c>fixed</c> drop the finding for the products they
/// name (a purl without a version names every version; qualifiers are not compared).
/// </summary>
public sealed record ScanFilter
{
    public IReadOnlySet<Severity>? Severities { get; init; }

    public bool IgnoreUnfixed { get; init; }

    public IReadOnlyList<IgnoreRule> Ignored { get; init; } = [];

    public IReadOnlyList<VexStatement> Vex { get; init; } = [];

    public IReadOnlyList<Finding> Apply(IReadOnlyList<Finding> findings, DateOnly today) => findings
        .Where(f => Severities is null || Severities.Contains(f.Severity))
        .Where(f => !IgnoreUnfixed || f.Status == AffectedStatus.Fixed)
        .Where(f => !Ignored.Any(rule => (rule.Until is null || rule.Until >= today) && Names(f).Contains(rule.Id, StringComparer.OrdinalIgnoreCase)))
        .Where(f => !Vex.Any(s => s.Status is "not_affected" or "fixed" && s.Vulnerability.Any(n => Names(f).Contains(n, StringComparer.OrdinalIgnoreCase)) && s.Products.Any(p => PurlMatch.Names(p, f.Package.Purl))))
        .ToList();

    /// <summary>Parses "CRITICAL,HIGH" (any case, commas or spaces).</summary>
    public static IReadOnlySet<Severity> ParseSeverities(string list)
    {
        var result = new HashSet<Severity>();
        foreach (var word in list.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            result.Add(word.ToUpperInvariant() switch
            {
                "CRITICAL" => Severity.Critical,
                "HIGH" => Severity.High,
                "MEDIUM" => Severity.Medium,
                "LOW" => Severity.Low,
                "UNKNOWN" => Severity.Unknown,
                _ => throw new ArgumentException($"\"{word}\" is not a severity: use CRITICAL, HIGH, MEDIUM, LOW or UNKNOWN", nameof(list)),
            });
        }

        return result;
    }

    private static IEnumerable<string> Names(Finding finding) => finding.Aliases.Prepend(finding.Id);
}

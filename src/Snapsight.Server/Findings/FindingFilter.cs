using System.Globalization;
using Snapsight.Advisories.Model;
using Snapsight.Control.Results;
using Snapsight.Server.Api;

namespace Snapsight.Server.Findings;

/// <summary>
/// The findings list's filters, read from the query string: <c>severity</c> (one or more names,
/// comma-separated), <c>kev</c> and <c>fixAvailable</c> (true or false), <c>epssMin</c> (0 to 1),
/// <c>package</c> (exact name), <c>cve</c> (the vulnerability id or one of its aliases) and
/// <c>assetId</c>. A value that cannot mean anything is a 400 naming the field.
/// </summary>
public sealed record FindingFilter(IReadOnlyList<Severity>? Severities, bool? Kev, double? EpssMin, bool? FixAvailable,
    string? Package, string? Cve, Guid? AssetId)
{
    private const int MaxTextLength = ResultLimits.IdentifierLength;

    /// <summary>Every finding.</summary>
    public static FindingFilter None { get; } = new(null, null, null, null, null, null, null);

    /// <summary>The filter, or the 400 answer naming the first bad field.</summary>
    public static (FindingFilter? Filter, IResult? Problem) Read(string? severity, string? kev, string? epssMin,
        string? fixAvailable, string? package, string? cve, string? assetId)
    {
        if (new[] { severity, kev, epssMin, fixAvailable, package, cve, assetId }.Any(v => v is { Length: > MaxTextLength }))
        {
            return (null, Problems.Invalid("query", $"a filter value has more than {MaxTextLength} characters"));
        }

        // No stored id or name holds a control character, and PostgreSQL cannot even take U+0000 as a parameter.
        if (new[] { package, cve }.Any(v => v is not null && v.Any(char.IsControl)))
        {
            return (null, Problems.Invalid(package?.Any(char.IsControl) == true ? "package" : "cve", "holds a control character"));
        }

        List<Severity>? severities = null;
        if (severity is not null)
        {
            severities = [];
            foreach (var name in severity.Split(','))
            {
                if (!EnumText.TryParse<Severity>(name.Trim(), out var s))
                {
                    return (null, Problems.Invalid("severity", $"one or more of {EnumText.Names<Severity>()}, comma-separated"));
                }

                severities.Add(s);
            }
        }

        if (!QueryValue.TryFlag(kev, out var isKev))
        {
            return (null, Problems.Invalid("kev", "true or false"));
        }

        if (!QueryValue.TryFlag(fixAvailable, out var hasFix))
        {
            return (null, Problems.Invalid("fixAvailable", "true or false"));
        }

        double? minimum = null;
        if (epssMin is not null)
        {
            if (!double.TryParse(epssMin, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) || !(m is >= 0 and <= 1))
            {
                return (null, Problems.Invalid("epssMin", "a number from 0 to 1"));
            }

            minimum = m;
        }

        if (!QueryValue.TryId(assetId, out var asset))
        {
            return (null, Problems.Invalid("assetId", "an asset id (a GUID)"));
        }

        if (package is { Length: 0 } || cve is { Length: 0 })
        {
            return (null, Problems.Invalid(package is { Length: 0 } ? "package" : "cve", "is empty"));
        }

        return (new FindingFilter(severities, isKev, minimum, hasFix, package, cve, asset), null);
    }

    public IQueryable<StoredFinding> Apply(IQueryable<StoredFinding> findings)
    {
        if (Severities is { } severities)
        {
            findings = findings.Where(f => severities.Contains(f.Severity));
        }

        if (Kev is { } kev)
        {
            findings = findings.Where(f => f.Kev == kev);
        }

        if (EpssMin is { } minimum)
        {
            findings = findings.Where(f => f.EpssScore >= minimum);
        }

        if (FixAvailable is { } fix)
        {
            findings = fix ? findings.Where(f => f.FixedVersion != null) : findings.Where(f => f.FixedVersion == null);
        }

        if (Package is not null)
        {
            findings = findings.Where(f => f.PackageName == Package);
        }

        if (Cve is not null)
        {
            // Two index lookups joined, rather than one OR across the alias table that makes the database read every finding.
            var named = findings.Where(f => f.VulnerabilityId == Cve).Select(f => f.Id)
                .Union(findings.SelectMany(f => f.Aliases.Where(a => a.Alias == Cve), (f, _) => f.Id));
            findings = findings.Where(f => named.Contains(f.Id));
        }

        if (AssetId is { } asset)
        {
            findings = findings.Where(f => f.AssetId == asset);
        }

        return findings;
    }
}

using Snapsight.Advisories.Model;

namespace Snapsight.Advisories.Feeds.Osv;

/// <summary>
/// Turns one OSV record into the store's model. Each ECOSYSTEM or SEMVER range becomes one
/// <see cref="AffectedRange"/> per introduced…fixed (or …last_affected) stretch; an open
/// stretch is affected with no fix. Explicit "versions" are used only for a package with no
/// such range. GIT ranges and "limit" events are not used: they need a repository to evaluate.
/// Packages of ecosystems <see cref="OsvEcosystems"/> does not map are left out.
/// <para>Red Hat style records ("Moderate: nodejs:18 security update") carry their vendor
/// rating and module stream only in the summary; fixes in a ".module_el" build are tagged with
/// that stream so matching keeps modular and non-modular packages apart.</para>
/// </summary>
public static class OsvAdvisoryMapper
{
    public static AdvisoryRecord Map(OsvRecord record)
    {
        var ecosystems = record.Affected.Select(a => a.Package?.Ecosystem).OfType<string>().ToList();
        var module = ModuleStream(record.Summary);
        var affected = new List<AffectedRange>();
        foreach (var entry in record.Affected)
        {
            if (entry.Package is not { Ecosystem: { } ecosystem, Name: { Length: > 0 } name } || OsvEcosystems.ToScope(ecosystem) is not { } scope)
            {
                continue;
            }

            var package = PackageNames.Normalize(scope.Ecosystem, name);
            var before = affected.Count;
            foreach (var range in entry.Ranges.Where(r => r.Type is "ECOSYSTEM" or "SEMVER"))
            {
                affected.AddRange(Stretches(range.Events, scope, package, module));
            }

            if (affected.Count == before)
            {
                affected.AddRange(entry.Versions.Select(v => new AffectedRange
                {
                    Scope = scope, Package = package, Introduced = v, LastAffected = v, Status = AffectedStatus.Affected,
                }));
            }
        }

        var vulnerability = new VulnerabilityRecord
        {
            Id = record.Id,
            Feed = "osv:" + (ecosystems.Count > 0 ? ecosystems[0].Split(':')[0] : "unknown"),
            Aliases = record.Aliases,
            Title = record.Summary,
            Description = record.Details,
            Severity = SeverityNames.FromVendorWord(VendorWord(record.Summary)),
            Cvss = record.Severity.Where(s => s.Type.StartsWith("CVSS_", StringComparison.Ordinal))
                .OrderByDescending(s => s.Type, StringComparer.Ordinal)
                .Select(s => new Cvss(s.Score, null, "osv"))
                .FirstOrDefault(),
            Published = record.Published,
            Modified = record.Modified,
        };
        return new AdvisoryRecord(vulnerability, affected);
    }

    private static IEnumerable<AffectedRange> Stretches(IReadOnlyList<OsvEvent> events, AdvisoryScope scope, string package, string? module)
    {
        string? introduced = null;
        var open = false;
        foreach (var e in events)
        {
            switch (e.Kind)
            {
                case OsvEventKind.Introduced:
                    introduced = e.Value == "0" ? null : e.Value;
                    open = true;
                    break;
                case OsvEventKind.Fixed when open:
                    yield return Stretch(scope, package, introduced, fixedVersion: e.Value, lastAffected: null, module);
                    open = false;
                    break;
                case OsvEventKind.LastAffected when open:
                    yield return Stretch(scope, package, introduced, fixedVersion: null, lastAffected: e.Value, module);
                    open = false;
                    break;
            }
        }

        if (open)
        {
            yield return Stretch(scope, package, introduced, fixedVersion: null, lastAffected: null, module);
        }
    }

    private static AffectedRange Stretch(AdvisoryScope scope, string package, string? introduced, string? fixedVersion, string? lastAffected, string? module) => new()
    {
        Scope = scope,
        Package = package,
        Introduced = introduced,
        Fixed = fixedVersion,
        LastAffected = lastAffected,
        Status = fixedVersion is null ? AffectedStatus.Affected : AffectedStatus.Fixed,
        Module = fixedVersion is not null && fixedVersion.Contains(".module_", StringComparison.Ordinal) ? module : null,
    };

    /// <summary>"Important: kernel security update" → "Important".</summary>
    private static string? VendorWord(string? summary) =>
        summary?.IndexOf(':') is > 0 and var colon ? summary[..colon] : null;

    /// <summary>"Moderate: nodejs:14 security, bug fix…" → "nodejs:14": the first name:stream word after the rating.</summary>
    private static string? ModuleStream(string? summary)
    {
        if (summary?.IndexOf(':') is not (> 0 and var colon))
        {
            return null;
        }

        var words = summary[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.FirstOrDefault(w => w.IndexOf(':') is > 0 and var c && c < w.Length - 1)?.TrimEnd(',');
    }
}

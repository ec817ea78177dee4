using Snapsight.Advisories.Model;
using Snapsight.Advisories.Store;
using Snapsight.Inventory;

namespace Snapsight.Advisories.Matching;

/// <summary>
/// Turns one package's hits into findings, one per flaw: hits whose ids and aliases overlap
/// (an ALSA and its CVE, the Debian tracker's CVE and OSV's DSA naming it) are one finding.
/// Its id is the first CVE among the records' own ids, else the smallest id; the fixed
/// version is the highest any feed names (the lowest version every feed agrees fixes it); the
/// severity is the vendor's, else NVD's CVSS rating, else the record's own CVSS.
/// </summary>
internal static class FindingMerger
{
    /// <summary>Why there is no fix, most telling first: a vendor's stated reason beats plain "affected".</summary>
    private static readonly AffectedStatus[] UnfixedPreference =
        [AffectedStatus.EndOfLife, AffectedStatus.WillNotFix, AffectedStatus.FixDeferred, AffectedStatus.UnderInvestigation, AffectedStatus.Affected];

    public static IEnumerable<Finding> Merge(InventoryPackage package, PackageQuery query, List<Hit> hits, AdvisoryStore store)
    {
        foreach (var group in Groups(hits))
        {
            yield return group.Count == 1 ? Single(package, query, group[0], store) : One(package, query, group, store);
        }
    }

    /// <summary>Connected groups of hits sharing any name.</summary>
    private static IEnumerable<List<Hit>> Groups(List<Hit> hits)
    {
        if (hits.Count == 1)
        {
            return [hits];
        }

        var parent = Enumerable.Range(0, hits.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        var owner = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < hits.Count; i++)
        {
            foreach (var name in hits[i].Names)
            {
                if (owner.TryGetValue(name, out var other))
                {
                    parent[Find(i)] = Find(other);
                }
                else
                {
                    owner[name] = i;
                }
            }
        }

        return Enumerable.Range(0, hits.Count).GroupBy(Find).Select(g => g.Select(i => hits[i]).ToList());
    }

    private static Finding One(InventoryPackage package, PackageQuery query, List<Hit> group, AdvisoryStore store)
    {
        var ids = group.Select(h => h.Record.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var id = ids.FirstOrDefault(IsCve) ?? ids[0];
        var names = group.SelectMany(h => h.Names).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var cves = names.Where(IsCve).OrderBy(n => n == id ? 0 : 1).ThenBy(n => n, StringComparer.Ordinal).ToList();
        var primary = group.FirstOrDefault(h => h.Record.Id == id)?.Record ?? group[0].Record;

        var fixes = group.Select(h => h.Range.Fixed).OfType<string>().ToList();
        var fixedVersion = fixes.Count == 0 ? null : fixes.Aggregate((a, b) => query.Comparer.TryCompare(a, b, out var o) && o < 0 ? b : a);
        var status = fixedVersion is not null
            ? AffectedStatus.Fixed
            : UnfixedPreference.First(s => s == AffectedStatus.Affected || group.Any(h => h.Range.Status == s));

        var nvd = cves.Select(store.Score).FirstOrDefault(s => s is not null);
        var vendor = group.MaxBy(h => VendorSeverity(h))!;
        var cvss = nvd?.Cvss ?? group.Select(h => h.Record.Cvss).FirstOrDefault(c => c is not null);
        var (severity, severitySource) = Rating(VendorSeverity(vendor), vendor.Record.Feed, cvss);

        return new Finding
        {
            Id = id,
            Aliases = names.Where(n => !string.Equals(n, id, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList(),
            Package = package,
            FixedVersion = fixedVersion,
            Status = status,
            Severity = severity,
            SeveritySource = severitySource,
            Cvss = cvss,
            Epss = cves.Select(store.Epss).FirstOrDefault(e => e is not null),
            Kev = cves.Select(store.Kev).FirstOrDefault(k => k is not null),
            Title = primary.Title,
            Description = primary.Description,
            Sources = group.Select(h => $"{h.Record.Feed} {h.Record.Id}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            MatchedName = query.Name,
            MatchedVersion = query.Version,
            Matched = group.Select(Evidence).Distinct().OrderBy(m => m.Advisory, StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>The common case, one record alone: the same rules as <see cref="One"/> without the set work, since a scan can hold tens of thousands.</summary>
    private static Finding Single(InventoryPackage package, PackageQuery query, Hit hit, AdvisoryStore store)
    {
        var (range, record) = (hit.Range, hit.Record);
        var cve = IsCve(record.Id) ? record.Id : record.Aliases.Where(IsCve).Order(StringComparer.Ordinal).FirstOrDefault();
        var nvd = cve is null ? null : store.Score(cve);
        var cvss = nvd?.Cvss ?? record.Cvss;
        var (severity, severitySource) = Rating(VendorSeverity(hit), record.Feed, cvss);
        var aliases = record.Aliases.Count == 0 ? record.Aliases : record.Aliases.Where(a => !string.Equals(a, record.Id, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
        return new Finding
        {
            Id = record.Id,
            Aliases = aliases,
            Package = package,
            FixedVersion = range.Fixed,
            Status = range.Fixed is not null ? AffectedStatus.Fixed : range.Status,
            Severity = severity,
            SeveritySource = severitySource,
            Cvss = cvss,
            Epss = cve is null ? null : store.Epss(cve),
            Kev = cve is null ? null : store.Kev(cve),
            Title = record.Title,
            Description = record.Description,
            Sources = [$"{record.Feed} {record.Id}"],
            MatchedName = query.Name,
            MatchedVersion = query.Version,
            Matched = [Evidence(hit)],
        };
    }

    private static MatchedRange Evidence(Hit hit) =>
        new($"{hit.Record.Feed} {hit.Record.Id}", hit.Range.Introduced, hit.Range.Fixed, hit.Range.LastAffected);

    /// <summary>The vendor's rating of one hit: the feed's per-package rating, else the record's.</summary>
    private static Severity VendorSeverity(Hit hit) => hit.Range.Severity != Severity.Unknown ? hit.Range.Severity : hit.Record.Severity;

    /// <summary>The vendor's rating when there is one, else the CVSS score's, and who gave it.</summary>
    private static (Severity Severity, string? Source) Rating(Severity vendor, string vendorFeed, Cvss? cvss) =>
        vendor != Severity.Unknown ? (vendor, vendorFeed)
        : cvss?.Score is { } score ? (SeverityNames.FromCvssScore(score), cvss.Source)
        : (Severity.Unknown, null);

    private static bool IsCve(string name) => name.StartsWith("CVE-", StringComparison.OrdinalIgnoreCase);
}

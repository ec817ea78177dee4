using Snapsight.Advisories.Model;

namespace Snapsight.Advisories.Feeds.Alas;

/// <summary>
/// One ALAS update as an advisory: its CVE references are the aliases, and each binary package
/// it ships is fixed in the version it ships (one range per name and version, however many
/// architectures list it), in the release its id names.
/// </summary>
public static class AlasMapper
{
    /// <summary>The advisory, or null when the id names no Amazon Linux release.</summary>
    public static AdvisoryRecord? Map(AlasUpdate update)
    {
        if (AlasReleases.FromId(update.Id) is not { } release)
        {
            return null;
        }

        var scope = new AdvisoryScope(Ecosystems.Amazon, release);
        var affected = update.Packages
            .Select(package => (package.Name, package.Evr))
            .Distinct()
            .Select(package => new AffectedRange { Scope = scope, Package = package.Name, Fixed = package.Evr, Status = AffectedStatus.Fixed })
            .ToArray();
        var vulnerability = new VulnerabilityRecord
        {
            Id = update.Id,
            Feed = AlasFeedFormat.FormatName,
            Aliases = update.Cves.Distinct(StringComparer.Ordinal).ToArray(),
            Title = update.Title,
            Description = update.Description,
            Severity = SeverityNames.FromVendorWord(update.Severity),
            Published = update.Issued,
            Modified = update.Updated,
        };
        return new AdvisoryRecord(vulnerability, affected);
    }
}

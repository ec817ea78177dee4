using Snapsight.Advisories.Model;

namespace Snapsight.Advisories.Feeds.AlpineSecdb;

/// <summary>
/// Turns one secdb file into one advisory per id: every package that lists the id gets a range
/// in the file's release, fixed in the version it is listed under, or not affected when that
/// version is "0" (Alpine's mark for "never shipped vulnerable"). An entry's first word is the
/// id; further words ("CVE-2017-8904 XSA-214") are its aliases.
/// </summary>
public static class AlpineSecdbMapper
{
    /// <summary>The advisories of <paramref name="file"/>, or none when its distroversion is not "vMAJOR.MINOR" (edge has no release an installed system reports).</summary>
    public static IEnumerable<AdvisoryRecord> Map(AlpineSecdbFile file)
    {
        if (Release(file.DistroVersion) is not { } release)
        {
            yield break;
        }

        var scope = new AdvisoryScope(Ecosystems.Alpine, release);
        var byId = new Dictionary<string, (List<string> Aliases, List<AffectedRange> Ranges)>(StringComparer.Ordinal);
        foreach (var fix in file.Fixes)
        {
            var words = fix.Item.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!byId.TryGetValue(words[0], out var advisory))
            {
                advisory = ([], []);
                byId.Add(words[0], advisory);
            }

            advisory.Aliases.AddRange(words.Skip(1).Where(alias => !advisory.Aliases.Contains(alias)));
            var notAffected = fix.Version == "0";
            advisory.Ranges.Add(new AffectedRange
            {
                Scope = scope,
                Package = fix.Package,
                Fixed = notAffected ? null : fix.Version,
                Status = notAffected ? AffectedStatus.NotAffected : AffectedStatus.Fixed,
            });
        }

        foreach (var (id, advisory) in byId)
        {
            yield return new AdvisoryRecord(new VulnerabilityRecord { Id = id, Feed = AlpineSecdbFeedFormat.FormatName, Aliases = advisory.Aliases }, advisory.Ranges);
        }
    }

    /// <summary>"v3.18" → "3.18"; null for "edge" or anything not a two-part number.</summary>
    public static string? Release(string distroVersion)
    {
        var release = distroVersion.StartsWith('v') ? distroVersion[1..] : distroVersion;
        var parts = release.Split('.');
        return parts.Length == 2 && parts.All(part => part.Length is > 0 and <= 4 && part.All(char.IsAsciiDigit)) ? release : null;
    }
}

using System.Text.Json;
using Snapsight.Advisories.Model;

namespace Snapsight.Advisories.Feeds.DebianTracker;

/// <summary>
/// Turns one tracker entry (source package, CVE, and the CVE's JSON object under that package)
/// into an advisory with one range per numbered release. The statuses follow the tracker's own
/// meaning: "resolved" with version "0" is a release never affected, "resolved" with a version
/// is fixed there, "open" is affected (the "ignored" and "postponed" no-DSA reasons and the
/// "end-of-life" urgency say why no fix comes), "undetermined" is still being looked at.
/// </summary>
public static class DebianTrackerMapper
{
    public const string Feed = "debian-tracker";

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = DebianTrackerLimits.MaxDepth };

    /// <summary>The advisory for <paramref name="json"/>, or null when it names no release we scope; throws <see cref="FeedFormatException"/> for an entry of the wrong shape.</summary>
    public static AdvisoryRecord? Map(string package, string cve, ReadOnlyMemory<byte> json)
    {
        var where = package + "/" + cve;
        try
        {
            using var document = JsonDocument.Parse(json, Options);
            return Map(package, cve, document.RootElement, where);
        }
        catch (JsonException e)
        {
            throw new FeedFormatException(Feed, where, $"not valid JSON: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            // GetString refuses an escaped lone surrogate, which the parser itself let through.
            throw new FeedFormatException(Feed, where, $"a string is not valid UTF-16: {e.Message}");
        }
    }

    private static AdvisoryRecord? Map(string package, string cve, JsonElement entry, string where)
    {
        Expect(entry, JsonValueKind.Object, where);
        var affected = new List<AffectedRange>();
        if (entry.TryGetProperty("releases", out var releases) && releases.ValueKind == JsonValueKind.Object)
        {
            var count = 0;
            foreach (var release in releases.EnumerateObject())
            {
                if (++count > DebianTrackerLimits.MaxReleases)
                {
                    throw new FeedFormatException(Feed, where + ".releases", $"over {DebianTrackerLimits.MaxReleases} releases");
                }

                if (DebianReleases.Major(release.Name) is { } major)
                {
                    affected.Add(Range(package, major, release.Value, $"{where}.releases.{release.Name}"));
                }
            }
        }
        else if (entry.TryGetProperty("releases", out releases) && !(releases.ValueKind == JsonValueKind.Array && releases.GetArrayLength() == 0))
        {
            // The tracker writes an entry without releases as an empty list; anything else is damage.
            Expect(releases, JsonValueKind.Object, where + ".releases");
        }

        if (affected.Count == 0)
        {
            return null;
        }

        var vulnerability = new VulnerabilityRecord { Id = cve, Feed = Feed, Description = String(entry, "description", where) };
        return new AdvisoryRecord(vulnerability, affected);
    }

    private static AffectedRange Range(string package, string major, JsonElement release, string where)
    {
        Expect(release, JsonValueKind.Object, where);
        var status = String(release, "status", where) ?? throw new FeedFormatException(Feed, where + ".status", "missing");
        var fixedVersion = String(release, "fixed_version", where);
        var urgency = String(release, "urgency", where);
        var noDsaReason = String(release, "nodsa_reason", where);
        var (rangeStatus, fixedAt) = status switch
        {
            "resolved" when fixedVersion == "0" => (AffectedStatus.NotAffected, null),
            "resolved" when !string.IsNullOrWhiteSpace(fixedVersion) => (AffectedStatus.Fixed, fixedVersion),
            "resolved" => throw new FeedFormatException(Feed, where + ".fixed_version", "resolved without a fixed version"),
            "open" => (OpenStatus(urgency, noDsaReason), (string?)null),
            "undetermined" => (AffectedStatus.UnderInvestigation, null),
            _ => throw new FeedFormatException(Feed, where + ".status", $"unknown status \"{status}\""),
        };
        return new AffectedRange
        {
            Scope = new AdvisoryScope(Ecosystems.Debian, major),
            Package = package,
            Fixed = fixedAt,
            Status = rangeStatus,
            Severity = UrgencySeverity(urgency),
        };
    }

    /// <summary>Why an open issue has no fix: the release's end of life, or the security team's no-DSA decision.</summary>
    private static AffectedStatus OpenStatus(string? urgency, string? noDsaReason) => (urgency, noDsaReason) switch
    {
        ("end-of-life", _) => AffectedStatus.EndOfLife,
        (_, "ignored") => AffectedStatus.WillNotFix,
        (_, "postponed") => AffectedStatus.FixDeferred,
        _ => AffectedStatus.Affected,
    };

    /// <summary>The urgency word without the "**" the tracker appends when it was guessed from the NVD score.</summary>
    public static Severity UrgencySeverity(string? urgency) => SeverityNames.FromVendorWord(urgency?.Replace("*", string.Empty, StringComparison.Ordinal));

    private static string? String(JsonElement parent, string name, string where)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        Expect(value, JsonValueKind.String, where + "." + name);
        return value.GetString();
    }

    private static void Expect(JsonElement element, JsonValueKind kind, string where)
    {
        if (element.ValueKind != kind)
        {
            throw new FeedFormatException(Feed, where, $"expected a JSON {kind.ToString().ToLowerInvariant()}, found {element.ValueKind.ToString().ToLowerInvariant()}");
        }
    }
}

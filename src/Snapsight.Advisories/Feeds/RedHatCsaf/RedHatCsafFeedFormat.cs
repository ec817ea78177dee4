using System.Text.Json;
using Snapsight.Advisories.Model;

namespace Snapsight.Advisories.Feeds.RedHatCsaf;

/// <summary>
/// Red Hat's CSAF 2.0 documents: security advisories (RHSA, one record with its CVEs as
/// aliases) and VEX files (one record per CVE). Each file is read whole, capped at
/// <see cref="MaxDocumentBytes"/>; products resolve through <see cref="CsafProductTree"/> and
/// statuses through <see cref="CsafVulnerabilityMapper"/>. A document without RHEL products
/// yields records with no affected ranges, which say nothing and are not emitted.
/// </summary>
public sealed class RedHatCsafFeedFormat : IFeedFormat
{
    /// <summary>The largest VEX files (kernel CVEs naming every build) are a few megabytes.</summary>
    public const int MaxDocumentBytes = 64 * 1024 * 1024;

    public static RedHatCsafFeedFormat Instance { get; } = new();

    public string Name => "redhat-csaf";

    /// <summary>A top-level "document" whose head declares a csaf_version; a deleted stub (only a tracking id) is not a CSAF document.</summary>
    public bool Recognises(ReadOnlySpan<byte> head) =>
        head.IndexOf("\"csaf_version\""u8) >= 0 && JsonHead.TopLevelNames(head).Contains("document");

    public async Task ReadAsync(Stream content, string origin, IFeedSink sink, CancellationToken cancellationToken)
    {
        var json = await FeedFiles.ReadCappedAsync(content, MaxDocumentBytes, Name, origin, cancellationToken).ConfigureAwait(false);
        JsonDocument parsed;
        try
        {
            parsed = JsonFields.Parse(json);
        }
        catch (FeedRecordException e)
        {
            throw new FeedFormatException(Name, origin, e.Message);
        }

        using (parsed)
        {
            try
            {
                Read(parsed.RootElement, origin, sink);
            }
            catch (FeedRecordException e)
            {
                sink.Skipped(origin, e.Message);
            }
        }
    }

    private void Read(JsonElement root, string origin, IFeedSink sink)
    {
        var document = JsonFields.Object(root, "document") ?? throw new FeedRecordException("no document object");
        var tracking = JsonFields.Object(document, "tracking") ?? throw new FeedRecordException("document.tracking: missing");
        var id = JsonFields.String(tracking, "id") ?? throw new FeedRecordException("document.tracking.id: missing");
        var tree = new CsafProductTree(JsonFields.Object(root, "product_tree") ?? default);
        var vendorSeverity = JsonFields.Object(document, "aggregate_severity") is { } aggregate ? JsonFields.String(aggregate, "text") : null;
        var template = new VulnerabilityRecord
        {
            Id = id,
            Feed = Name,
            Title = JsonFields.String(document, "title"),
            Severity = SeverityNames.FromVendorWord(vendorSeverity),
            Published = JsonFields.String(tracking, "initial_release_date"),
            Modified = JsonFields.String(tracking, "current_release_date"),
        };

        var advisory = JsonFields.String(document, "category") != "csaf_vex";
        var cves = new List<string>();
        var advisoryRanges = new HashSet<AffectedRange>();
        Cvss? advisoryCvss = null;
        foreach (var (vulnerability, index) in JsonFields.Array(root, "vulnerabilities").Select((v, i) => (v, i)))
        {
            try
            {
                var cve = JsonFields.String(vulnerability, "cve") ?? throw new FeedRecordException("cve: missing");
                var cvss = Cvss(vulnerability);
                var ranges = new HashSet<AffectedRange>();
                CsafVulnerabilityMapper.AddRanges(vulnerability, tree, ranges);
                if (advisory)
                {
                    cves.Add(cve);
                    advisoryCvss ??= cvss;
                    advisoryRanges.UnionWith(ranges);
                }
                else if (ranges.Count > 0)
                {
                    sink.Add(new AdvisoryRecord(template with { Id = cve, Cvss = cvss, Aliases = cve == id ? [] : [id] }, [.. ranges]));
                }
            }
            catch (FeedRecordException e)
            {
                sink.Skipped($"{origin}: vulnerabilities[{index}]", e.Message);
            }
        }

        if (advisory && advisoryRanges.Count > 0)
        {
            sink.Add(new AdvisoryRecord(template with { Aliases = cves, Cvss = advisoryCvss }, [.. advisoryRanges]));
        }
    }

    /// <summary>Red Hat's own CVSS v3 score, the first one the vulnerability lists.</summary>
    private static Cvss? Cvss(JsonElement vulnerability)
    {
        foreach (var score in JsonFields.Array(vulnerability, "scores"))
        {
            if (JsonFields.Object(score, "cvss_v3") is { } v3 && JsonFields.String(v3, "vectorString") is { } vector)
            {
                return new Cvss(vector, JsonFields.Number(v3, "baseScore"), "redhat");
            }
        }

        return null;
    }
}

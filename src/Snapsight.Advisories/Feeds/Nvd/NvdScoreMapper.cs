using System.Text.Json;
using Snapsight.Advisories.Model;

namespace Snapsight.Advisories.Feeds.Nvd;

/// <summary>
/// Chooses one CVSS score for a CVE from NVD's metrics: the newest CVSS version present
/// (v4.0, then v3.1, then v3.0; v2 only when none of those is), and within it the Primary
/// metric (NVD's own) over a Secondary one (the CNA's), the first of each kind. CWE ids come
/// from every weakness, deduplicated in order; NVD's placeholders (NVD-CWE-Other,
/// NVD-CWE-noinfo) are not CWE ids and are left out. A CVE with no usable metric yields nothing:
/// there is no score to enrich with.
/// </summary>
public static class NvdScoreMapper
{
    private static readonly string[] MetricKeys = ["cvssMetricV40", "cvssMetricV31", "cvssMetricV30", "cvssMetricV2"];

    /// <summary>CWE ids kept per CVE; real CVEs list a handful.</summary>
    public const int MaxCwes = 256;

    public static CveScore? Map(ReadOnlyMemory<byte> vulnerability)
    {
        using var document = JsonFields.Parse(vulnerability);
        var cve = JsonFields.Object(document.RootElement, "cve") ?? throw new FeedRecordException("no cve object");
        var id = JsonFields.String(cve, "id") ?? throw new FeedRecordException("cve.id: missing");
        if (!CveIds.IsValid(id))
        {
            throw new FeedRecordException($"cve.id: \"{id}\" is not a CVE id");
        }

        var cvss = JsonFields.Object(cve, "metrics") is { } metrics ? Preferred(metrics) : null;
        return cvss is null ? null : new CveScore(id, cvss, Cwes(cve, id));
    }

    private static Cvss? Preferred(JsonElement metrics)
    {
        foreach (var key in MetricKeys)
        {
            Cvss? secondary = null;
            foreach (var metric in JsonFields.Array(metrics, key))
            {
                var data = JsonFields.Object(metric, "cvssData");
                if (data is null || JsonFields.String(data.Value, "vectorString") is not { } vector)
                {
                    continue;
                }

                var cvss = new Cvss(vector, JsonFields.Number(data.Value, "baseScore"), "nvd");
                if (JsonFields.String(metric, "type") == "Primary")
                {
                    return cvss;
                }

                secondary ??= cvss;
            }

            if (secondary is not null)
            {
                return secondary;
            }
        }

        return null;
    }

    private static List<string> Cwes(JsonElement cve, string id)
    {
        var cwes = new List<string>();
        foreach (var weakness in JsonFields.Array(cve, "weaknesses"))
        {
            foreach (var description in JsonFields.Array(weakness, "description"))
            {
                if (JsonFields.String(description, "value") is { } value && IsCweId(value) && !cwes.Contains(value))
                {
                    if (cwes.Count == MaxCwes)
                    {
                        throw new FeedRecordException($"{id}: more than {MaxCwes} CWE ids");
                    }

                    cwes.Add(value);
                }
            }
        }

        return cwes;
    }

    private static bool IsCweId(string value) =>
        value.Length is > 4 and <= 16 && value.StartsWith("CWE-", StringComparison.Ordinal) && !value.AsSpan(4).ContainsAnyExceptInRange('0', '9');
}

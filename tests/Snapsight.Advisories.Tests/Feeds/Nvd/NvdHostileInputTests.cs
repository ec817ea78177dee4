using System.Text;
using Snapsight.Advisories.Feeds.Nvd;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Feeds.Nvd;

/// <summary>Pages no API should serve: each is streamed in part, its bad CVEs skipped, or refused, within the hostile-input bar.</summary>
public sealed class NvdHostileInputTests
{
    private const string Page = """{"resultsPerPage":2,"startIndex":0,"totalResults":2,"format":"NVD_CVE","version":"2.0","vulnerabilities":[""";

    private const string Good = """{"cve":{"id":"CVE-2020-8167","metrics":{"cvssMetricV31":[{"source":"nvd@nist.gov","type":"Primary","cvssData":{"vectorString":"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:H/A:N","baseScore":6.5}}]}}}""";

    [Fact]
    public void A_gigabyte_vulnerability_is_refused_at_the_cap_without_being_buffered()
    {
        var sink = new RecordingSink();
        var error = HostileInput.Rejects(ct =>
        {
            sink = new RecordingSink();
            var content = new GeneratedStream(Encoding.UTF8.GetBytes(Page + Good + """,{"cve":{"id":"CVE-2020-1","descriptions":[{"value":" """), (byte)'x', 1L << 30, "\"}]}}]}"u8.ToArray());
            return NvdFeedFormat.Instance.ReadAsync(content, "test", sink, ct);
        });
        Assert.Contains("cap", error.Problem, StringComparison.Ordinal);
        Assert.Equal("CVE-2020-8167", Assert.Single(sink.CveScores).Cve);
    }

    [Fact]
    public void A_gigabyte_of_whitespace_between_vulnerabilities_streams_through()
    {
        var sink = new RecordingSink();
        Assert.Null(HostileInput.Run(ct =>
        {
            sink = new RecordingSink();
            var content = new GeneratedStream(Encoding.UTF8.GetBytes(Page + Good + ","), (byte)' ', 1L << 30, Encoding.UTF8.GetBytes(Good + "]}"));
            return NvdFeedFormat.Instance.ReadAsync(content, "test", sink, ct);
        }));
        Assert.Equal(2, sink.CveScores.Count);
    }

    [Theory]
    [InlineData("""{"cve":{"id":"CVE-2020-8167","metrics":{"cvssMetricV31":[{"type":"Primary","cvssData":{"vectorString":"V","baseScore":"6.5"}}]}}}""", "baseScore")]
    [InlineData("""{"cve":{"id":"CVE-2020-8167","metrics":{"cvssMetricV31":[{"type":"Primary","cvssData":{"vectorString":"V","baseScore":1e999}}]}}}""", "not a finite number")]
    [InlineData("""{"cve":{"id":"CVE-2020-8167","metrics":{"cvssMetricV31":{"type":"Primary"}}}}""", "cvssMetricV31")]
    [InlineData("""{"cve":{"id":"NOT-A-CVE"}}""", "not a CVE id")]
    [InlineData("""{"cve":"CVE-2020-8167"}""", "cve")]
    [InlineData("""{"item":{}}""", "no cve object")]
    [InlineData("42", "no cve object")]
    [InlineData("""{"cve":{"id":"CVE-2020-8167","metrics":{"cvssMetricV2":[{"cvssData":{"vectorString":"V"}}]},"weaknesses":[{"description":[{"value":7}]}]}}""", "value")]
    public void A_bad_vulnerability_is_skipped_and_the_next_still_read(string vulnerability, string reason)
    {
        var sink = new RecordingSink();
        Assert.Null(HostileInput.Run(ct => Read(Page + vulnerability + "," + Good + "]}", sink = new RecordingSink(), ct)));
        Assert.Contains(reason, Assert.Single(sink.Skips).Reason, StringComparison.Ordinal);
        Assert.Equal("CVE-2020-8167", Assert.Single(sink.CveScores).Cve);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"resultsPerPage\":1,\"vulnerabilities\":[GOOD")]
    [InlineData("{\"resultsPerPage\":1,\"vulnerabilities\":[GOOD,DEEP]}")]
    [InlineData("{\"resultsPerPage\":1,\"vulnerabilities\":[GOOD,{\"cve\":{\"id\":\"CVE-2020-8167\"}]}")]
    public void A_broken_page_is_refused_after_the_vulnerabilities_before_the_damage(string json)
    {
        var sink = new RecordingSink();
        var error = HostileInput.Rejects(ct => Read(json, sink = new RecordingSink(), ct));
        Assert.Equal("nvd", error.Layer);
        Assert.True(sink.CveScores.Count <= 1);
    }

    [Fact]
    public void Precedence_v4_over_v31_primary_over_secondary_and_v2_only_as_a_last_resort()
    {
        var metrics = """
            {"cve":{"id":"CVE-2024-0001","metrics":{
              "cvssMetricV2":[{"type":"Primary","cvssData":{"vectorString":"AV:N/AC:L/Au:N/C:P/I:P/A:P","baseScore":7.5}}],
              "cvssMetricV31":[{"type":"Secondary","cvssData":{"vectorString":"S31","baseScore":5.0}},{"type":"Primary","cvssData":{"vectorString":"P31","baseScore":6.0}}],
              "cvssMetricV40":[{"type":"Secondary","cvssData":{"vectorString":"S40","baseScore":8.0}}]},
              "weaknesses":[{"description":[{"value":"NVD-CWE-Other"},{"value":"CWE-79"}]},{"description":[{"value":"CWE-79"},{"value":"NVD-CWE-noinfo"},{"value":"CWE-89"}]}]}},
            {"cve":{"id":"CVE-2024-0002","metrics":{"cvssMetricV2":[{"type":"Secondary","cvssData":{"vectorString":"AV:L","baseScore":2.1}}]}}},
            {"cve":{"id":"CVE-2024-0003","metrics":{}}}
            """;
        var sink = new RecordingSink();
        Assert.Null(HostileInput.Run(ct => Read(Page + metrics + "]}", sink = new RecordingSink(), ct)));
        Assert.Equal(2, sink.CveScores.Count);
        Assert.Equal(("S40", 8.0, "nvd"), (sink.CveScores[0].Cvss.Vector, sink.CveScores[0].Cvss.Score, sink.CveScores[0].Cvss.Source));
        Assert.Equal(["CWE-79", "CWE-89"], sink.CveScores[0].Cwes);
        Assert.Equal("AV:L", sink.CveScores[1].Cvss.Vector);
    }

    private static Task Read(string json, RecordingSink sink, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(json.Replace("GOOD", Good, StringComparison.Ordinal).Replace("DEEP", new string('[', 100_000), StringComparison.Ordinal));
        return NvdFeedFormat.Instance.ReadAsync(new MemoryStream(bytes), "test", sink, cancellationToken);
    }
}

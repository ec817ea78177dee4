using System.Text;
using Snapsight.Advisories.Feeds.RedHatCsaf;
using Snapsight.Advisories.Model;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Feeds.RedHatCsaf;

/// <summary>
/// CSAF documents no feed should serve, read in part or refused within the hostile-input bar;
/// and the unfixed statuses, which the shared samples barely exercise, on a crafted VEX document.
/// </summary>
public sealed class RedHatCsafHostileInputTests
{
    private const string Tree = """
        "product_tree":{"branches":[{"category":"vendor","branches":[
          {"category":"product_name","product":{"product_id":"rhel9","product_identification_helper":{"cpe":"cpe:/o:redhat:enterprise_linux:9"}}},
          {"category":"product_name","product":{"product_id":"rhel8as","product_identification_helper":{"cpe":"cpe:/a:redhat:enterprise_linux:8::appstream"}}},
          {"category":"product_name","product":{"product_id":"sat","product_identification_helper":{"cpe":"cpe:/a:redhat:satellite:6"}}},
          {"category":"product_version","product":{"product_id":"curl","product_identification_helper":{"purl":"pkg:rpm/redhat/curl"}}},
          {"category":"product_version","product":{"product_id":"curl-fix","product_identification_helper":{"purl":"pkg:rpm/redhat/curl@7.76.1-26.el9_3.2?arch=x86_64&epoch=1"}}}]}],
        "relationships":[
          {"category":"default_component_of","full_product_name":{"product_id":"rhel9:curl"},"product_reference":"curl","relates_to_product_reference":"rhel9"},
          {"category":"default_component_of","full_product_name":{"product_id":"rhel9:curl-fix"},"product_reference":"curl-fix","relates_to_product_reference":"rhel9"},
          {"category":"default_component_of","full_product_name":{"product_id":"rhel8:nodejs"},"product_reference":"nodejs-1:18.18.2-2.module+el8.9.0+1+c4e3d824.x86_64::nodejs:18","relates_to_product_reference":"rhel8as"},
          {"category":"default_component_of","full_product_name":{"product_id":"rhel8:zlib"},"product_reference":"zlib","relates_to_product_reference":"rhel8as"},
          {"category":"default_component_of","full_product_name":{"product_id":"rhel8:bzip2"},"product_reference":"bzip2","relates_to_product_reference":"rhel8as"},
          {"category":"default_component_of","full_product_name":{"product_id":"rhel8:xz"},"product_reference":"xz","relates_to_product_reference":"rhel8as"},
          {"category":"default_component_of","full_product_name":{"product_id":"sat:curl"},"product_reference":"curl","relates_to_product_reference":"sat"}]}
        """;

    private const string Document = """{"document":{"category":"csaf_vex","csaf_version":"2.0","tracking":{"id":"CVE-2024-0001"},"aggregate_severity":{"text":"Moderate"}},""";

    [Fact]
    public void Statuses_scopes_versions_and_modules_come_out_as_documented()
    {
        var vulnerability = """
            "vulnerabilities":[{"cve":"CVE-2024-0001",
              "product_status":{"fixed":["rhel9:curl-fix","rhel8:nodejs"],"known_affected":["rhel9:curl","rhel8:zlib","rhel8:bzip2","sat:curl"],"under_investigation":["rhel8:xz"],"known_not_affected":["rhel9:curl"]},
              "remediations":[{"category":"no_fix_planned","details":"Out of support scope","product_ids":["rhel9:curl"]},{"category":"none_available","details":"Fix deferred","product_ids":["rhel8:zlib"]},{"category":"vendor_fix","details":"Will not fix","product_ids":["rhel8:bzip2"]}],
              "threats":[{"category":"impact","details":"Important","product_ids":["rhel9:curl-fix"]}]}]}
            """;
        var sink = new RecordingSink();
        Assert.Null(HostileInput.Run(ct => Read(Document + Tree + "," + vulnerability, sink = new RecordingSink(), ct)));
        var record = Assert.Single(sink.Advisories);
        Assert.Equal(("CVE-2024-0001", Severity.Medium), (record.Vulnerability.Id, record.Vulnerability.Severity));
        string[] expected =
            [
                "9 curl - 1:7.76.1-26.el9_3.2 Fixed High",
                "8 nodejs nodejs:18 1:18.18.2-2.module+el8.9.0+1+c4e3d824 Fixed Unknown",
                "9 curl - - EndOfLife Unknown",
                "8 zlib - - FixDeferred Unknown",
                "8 bzip2 - - Affected Unknown",
                "8 xz - - UnderInvestigation Unknown",
            ];
        var ranges = record.Affected.Select(r => $"{r.Scope.Release} {r.Package} {r.Module ?? "-"} {r.Fixed ?? "-"} {r.Status} {r.Severity}");
        Assert.Equal(expected.Order(StringComparer.Ordinal), ranges.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("")]
    [InlineData("""{"document":DEEP}""")]
    public void Broken_JSON_is_refused(string json)
    {
        var error = HostileInput.Rejects(ct => Read(json, new RecordingSink(), ct));
        Assert.Equal("redhat-csaf", error.Layer);
    }

    [Theory]
    [InlineData("""{"document":{"tracking":{}}}""", "tracking.id")]
    [InlineData("""{"document":{"tracking":{"id":7}}}""", "id: expected a JSON string")]
    [InlineData("""[1]""", "no document")]
    [InlineData("""{"document":{"tracking":{"id":"X"}},"product_tree":{"branches":{"product":1}}}""", "branches")]
    public void A_document_without_its_frame_is_skipped(string json, string reason)
    {
        var sink = new RecordingSink();
        Assert.Null(HostileInput.Run(ct => Read(json, sink = new RecordingSink(), ct)));
        Assert.Contains(reason, Assert.Single(sink.Skips).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_vulnerability_is_skipped_and_the_next_still_read()
    {
        var vulnerabilities = """
            "vulnerabilities":[{"product_status":{}},{"cve":"CVE-2024-0002","product_status":{"fixed":[7]}},
              {"cve":"CVE-2024-0003","product_status":{"fixed":["rhel9:curl-fix","unknown-id"]}}]}
            """;
        var sink = new RecordingSink();
        Assert.Null(HostileInput.Run(ct => Read(Document + Tree + "," + vulnerabilities, sink = new RecordingSink(), ct)));
        Assert.Equal(2, sink.Skips.Count);
        Assert.Equal("CVE-2024-0003", Assert.Single(sink.Advisories).Vulnerability.Id);
    }

    [Fact]
    public void A_document_over_the_cap_is_refused_unread()
    {
        var error = HostileInput.Rejects(ct => RedHatCsafFeedFormat.Instance.ReadAsync(
            new GeneratedStream("{\"document\":\""u8.ToArray(), (byte)'x', RedHatCsafFeedFormat.MaxDocumentBytes, "\"}"u8.ToArray()), "test", new RecordingSink(), ct));
        Assert.Contains("cap", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hundred_thousand_fixed_products_of_one_package_collapse_to_one_range()
    {
        var ids = string.Join(',', Enumerable.Repeat("\"rhel9:curl-fix\"", 100_000));
        var sink = new RecordingSink();
        Assert.Null(HostileInput.Run(ct => Read(Document + Tree + $$$""","vulnerabilities":[{"cve":"CVE-2024-0001","product_status":{"fixed":[{{{ids}}}]}}]}""", sink = new RecordingSink(), ct)));
        Assert.Single(Assert.Single(sink.Advisories).Affected);
    }

    private static Task Read(string json, RecordingSink sink, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(json.Replace("DEEP", new string('[', 100_000), StringComparison.Ordinal));
        return RedHatCsafFeedFormat.Instance.ReadAsync(new MemoryStream(bytes), "test", sink, cancellationToken);
    }
}

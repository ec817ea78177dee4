using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Snapsight.Advisories.Matching;
using Snapsight.Advisories.Model;
using Snapsight.Advisories.Reports;
using Snapsight.Advisories.Store;
using Snapsight.Inventory;
using Snapsight.Inventory.Packages;
using Snapsight.Inventory.Purl;

namespace Snapsight.Advisories.Tests.Reports;

/// <summary>
/// SARIF logs checked against the SARIF 2.1.0 schema, and against what the specification says
/// the schema cannot: ruleIndex names the rule of ruleId, one result per finding, one rule per id,
/// locations that decode back to the package's path, fingerprints that identify exactly the same flaw.
/// </summary>
public sealed class SarifWriterTests
{
    // The brief's mapping (issue 4), written out here rather than taken from SarifWriter.Level.
    private static readonly Dictionary<Severity, string> Levels = new()
    {
        [Severity.Critical] = "error",
        [Severity.High] = "error",
        [Severity.Medium] = "warning",
        [Severity.Low] = "note",
        [Severity.Unknown] = "note",
    };

    [Fact]
    public void Generated_scans_give_valid_logs_whose_results_point_at_their_rules()
    {
        GeneratedScans.Reports.Sample(report =>
        {
            using var log = Write(report);
            var run = Assert.Single(log.RootElement.GetProperty("runs").EnumerateArray());
            var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
            var results = run.GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(report.Findings.Count, results.Count);
            Assert.Equal(
                report.Findings.Select(f => f.Id).Distinct().Order(StringComparer.Ordinal),
                rules.Select(r => r.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
            var baseIds = run.GetProperty("originalUriBaseIds");
            for (var i = 0; i < results.Count; i++)
            {
                AssertResult(report.Findings[i], results[i], rules, baseIds);
            }

            foreach (var rule in rules)
            {
                AssertRule(rule, report.Findings.Where(f => f.Id == rule.GetProperty("id").GetString()).ToList());
            }

            var invocation = run.GetProperty("invocations")[0];
            var notifications = invocation.TryGetProperty("toolExecutionNotifications", out var n) ? n.GetArrayLength() : 0;
            Assert.Equal(report.Inventory.Gaps.Count, notifications);
            var ended = invocation.GetProperty("endTimeUtc").GetString()!;
            Assert.EndsWith("Z", ended, StringComparison.Ordinal);
            Assert.Equal(report.ScannedAt, DateTimeOffset.Parse(ended, CultureInfo.InvariantCulture));
        }, iter: 150);
    }

    [Fact]
    public void Fingerprints_match_exactly_when_id_package_and_location_do_whatever_the_version()
    {
        GeneratedScans.Reports.Sample(report =>
        {
            using var log = Write(report);
            var prints = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
                .Select(r => r.GetProperty("partialFingerprints").GetProperty(SarifWriter.FingerprintName).GetString()).ToList();
            for (var i = 0; i < prints.Count; i++)
            {
                for (var j = 0; j < prints.Count; j++)
                {
                    var (a, b) = (report.Findings[i], report.Findings[j]);
                    var same = a.Id == b.Id && a.Package.Package.Type == b.Package.Package.Type
                        && a.Package.Package.Name == b.Package.Package.Name && a.Package.Package.Location == b.Package.Package.Location;
                    Assert.Equal(same, prints[i] == prints[j]);
                }
            }
        }, iter: 100);
    }

    [Fact]
    public void A_debian_openssl_finding_reads_as_the_brief_describes()
    {
        using var log = Write(OpensslReport());

        var run = log.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules");
        Assert.Equal("https://nvd.nist.gov/vuln/detail/CVE-2024-0727", rules[0].GetProperty("helpUri").GetString());
        Assert.Equal("5.5", rules[0].GetProperty("properties").GetProperty("security-severity").GetString());
        Assert.Equal(["vulnerability", "security", "HIGH"], rules[0].GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("PKCS12 decoding crash", rules[0].GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.Equal("https://osv.dev/vulnerability/GHSA-jfh8-c2jp-5v3q", rules[1].GetProperty("helpUri").GetString());
        Assert.False(rules[1].GetProperty("properties").TryGetProperty("security-severity", out _));
        var result = run.GetProperty("results")[0];
        Assert.Equal("error", result.GetProperty("level").GetString());
        var text = result.GetProperty("message").GetProperty("text").GetString()!;
        Assert.Contains("openssl", text, StringComparison.Ordinal);
        Assert.Contains("3.0.11-1~deb12u1", text, StringComparison.Ordinal);
        Assert.Contains("3.0.13-1~deb12u1", text, StringComparison.Ordinal);
        var location = result.GetProperty("locations")[0];
        Assert.Equal("var/lib/dpkg/status", location.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("pkg:deb/debian/openssl@3.0.11-1~deb12u1?arch=amd64&distro=debian-12", location.GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
    }

    public static TheoryData<string, string> Breakages() => new()
    {
        { "runs/0/results/0/level", "\"fatal\"" },
        { "runs/0/results/0/ruleIndex", "-2" },
        { "runs/0/tool/driver/rules/0/helpUri", "\"not a uri\"" },
        { "version", "\"2.2.0\"" },
        { "runs/0/invocations/0/endTimeUtc", "\"yesterday\"" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void The_SARIF_schema_rejects_a_broken_log(string path, string json)
    {
        using var log = Write(OpensslReport());
        var root = JsonNode.Parse(log.RootElement.GetRawText())!;
        var parts = path.Split('/');
        var parent = parts[..^1].Aggregate(root, (node, part) => int.TryParse(part, CultureInfo.InvariantCulture, out var i) ? node[i]! : node[part]!);
        parent[parts[^1]] = JsonNode.Parse(json);
        using var broken = JsonDocument.Parse(root.ToJsonString());

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => ReportSchemas.AssertValidSarif(broken.RootElement));
    }

    private static void AssertResult(Finding finding, JsonElement result, List<JsonElement> rules, JsonElement baseIds)
    {
        Assert.Equal(finding.Id, result.GetProperty("ruleId").GetString());
        Assert.Equal(finding.Id, rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
        Assert.Equal(Levels[finding.Severity], result.GetProperty("level").GetString());
        Assert.Contains(finding.Package.Package.Name, result.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        var location = Assert.Single(result.GetProperty("locations").EnumerateArray());
        var artifact = location.GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.True(baseIds.TryGetProperty(artifact.GetProperty("uriBaseId").GetString()!, out _));
        var uri = artifact.GetProperty("uri").GetString()!;
        ImagePathUriTests.AssertRelativeReference(uri);
        Assert.Equal(finding.Package.Package.Location.TrimStart('/'), Uri.UnescapeDataString(uri));
        Assert.Equal(finding.Package.Purl, location.GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
    }

    /// <summary>The rule carries the worst of its findings: highest severity and highest valid CVSS score.</summary>
    private static void AssertRule(JsonElement rule, List<Finding> findings)
    {
        var worst = findings.Max(f => f.Severity);
        Assert.Equal(Levels[worst], rule.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        var properties = rule.GetProperty("properties");
        Assert.Contains(SeverityNames.Name(worst), properties.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var scores = findings.Select(f => f.Cvss?.Score).Where(s => s is >= 0 and <= 10).ToList();
        if (scores.Count == 0)
        {
            Assert.False(properties.TryGetProperty("security-severity", out _));
        }
        else
        {
            // Written with one decimal, as CVSS scores are.
            var written = double.Parse(properties.GetProperty("security-severity").GetString()!, CultureInfo.InvariantCulture);
            Assert.InRange(written - scores.Max()!.Value, -0.05, 0.05);
        }
    }

    /// <summary>A CVE with NVD's score and a fix, and a GHSA with neither, in Debian's openssl.</summary>
    private static ScanReport OpensslReport()
    {
        var package = new InstalledPackage { Type = "dpkg", Name = "openssl", Version = "3.0.11-1~deb12u1", Arch = "amd64", Location = "/var/lib/dpkg/status" };
        var item = new InventoryPackage(package, PackageUrl.For(package, GeneratedScans.Debian));
        var finding = new Finding
        {
            Id = "CVE-2024-0727",
            Aliases = ["DSA-5678-1"],
            Package = item,
            FixedVersion = "3.0.13-1~deb12u1",
            Status = AffectedStatus.Fixed,
            Severity = Severity.High,
            Cvss = new Cvss("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H", 5.5, "nvd"),
            Title = "PKCS12 decoding crash",
            Sources = ["debian-tracker:openssl"],
        };
        var ghsa = finding with { Id = "GHSA-jfh8-c2jp-5v3q", Severity = Severity.Low, Cvss = null, Title = null };

        return new ScanReport(
            "debian-12.qcow2", "0.1.0-test", DateTimeOffset.UnixEpoch, new InventoryResult(GeneratedScans.Debian, [item], []), [finding, ghsa],
            new StoreBuildRecord(1, DateTimeOffset.UnixEpoch, []));
    }

    private static JsonDocument Write(ScanReport report)
    {
        using var output = new MemoryStream();
        SarifWriter.Write(output, report);
        var log = JsonDocument.Parse(output.ToArray());
        ReportSchemas.AssertValidSarif(log.RootElement);
        return log;
    }
}

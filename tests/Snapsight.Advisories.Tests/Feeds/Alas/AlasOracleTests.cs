using System.IO.Compression;
using System.Text.Json;
using Snapsight.Advisories.Feeds.Alas;
using Snapsight.Advisories.Model;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Feeds.Alas;

/// <summary>
/// The real updateinfo.xml samples vuln-list-update tests with, inflated as db import inflates
/// them, against its golden JSON for each advisory. The mapping: golden id, title, description,
/// issued and updated dates and cveids are ours as written; each golden package is a range
/// fixed at "epoch:version-release" (epoch "0" left out, as rpm reads no epoch as 0); the
/// release is the one the id names (ALAS2- is 2, ALAS2022- 2022, ALAS2023- 2023); Amazon's
/// severities critical/important/medium/low are our Critical/High/Medium/Low.
/// </summary>
public sealed class AlasOracleTests
{
    private static readonly string TestData = SharedData.Path("advisories", "amazon", "vuln-list-update", "amazon", "testdata");

    public static TheoryData<string> Goldens() => [.. Directory.GetFiles(TestData, "*.golden").Select(path => Path.GetFileName(path)).Order()];

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Each_golden_advisory_is_read_as_vuln_list_update_wrote_it(string golden)
    {
        using var expected = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(TestData, golden)));
        var root = expected.RootElement;
        var id = root.GetProperty("id").GetString()!;
        var advisory = Assert.Single(ReadFixtures(), a => a.Vulnerability.Id == id);
        var vulnerability = advisory.Vulnerability;
        Assert.Equal("alas", vulnerability.Feed);
        Assert.Equal(root.GetProperty("title").GetString(), vulnerability.Title);
        Assert.Equal(root.GetProperty("description").GetString(), vulnerability.Description);
        Assert.Equal(root.GetProperty("issued").GetProperty("date").GetString(), vulnerability.Published);
        Assert.Equal(root.GetProperty("updated").GetProperty("date").GetString(), vulnerability.Modified);
        Assert.Equal(root.GetProperty("cveids").EnumerateArray().Select(c => c.GetString()!).Order(), vulnerability.Aliases.Order());
        Assert.Equal(Severity(root.GetProperty("severity").GetString()!), vulnerability.Severity);

        var release = id.Split('-')[0] switch { "ALAS2" => "2", "ALAS2022" => "2022", "ALAS2023" => "2023", var other => other };
        var packages = root.GetProperty("packages").EnumerateArray()
            .Select(p => (Name: p.GetProperty("name").GetString()!, Epoch: p.GetProperty("epoch").GetString(), Version: p.GetProperty("version").GetString(), Release: p.GetProperty("release").GetString()))
            .Select(p => (p.Name, Fixed: (p.Epoch == "0" ? string.Empty : p.Epoch + ":") + p.Version + "-" + p.Release))
            .Distinct()
            .Order();
        Assert.Equal(packages, advisory.Affected.Select(r => (r.Package, Fixed: r.Fixed!)).Order());
        Assert.All(advisory.Affected, r =>
        {
            Assert.Equal(new AdvisoryScope("amazon", release), r.Scope);
            Assert.Equal(AffectedStatus.Fixed, r.Status);
        });
    }

    [Fact]
    public void Every_update_of_every_fixture_reads_as_python_reads_it()
    {
        const string script = """
            import gzip, sys, xml.etree.ElementTree as ET
            for path in sys.argv[1:]:
                for u in ET.parse(gzip.open(path)).getroot().iter('update'):
                    cves = ','.join(r.get('id') for r in u.iter('reference') if r.get('type') == 'cve')
                    print('\t'.join(['U', u.findtext('id'), u.findtext('severity'), u.find('issued').get('date'), cves]))
                    for p in u.iter('package'):
                        print('\t'.join(['P', u.findtext('id'), p.get('name'), p.get('epoch'), p.get('version'), p.get('release'), p.get('arch')]))
            """;
        var files = Directory.GetFiles(Path.Combine(TestData, "fixtures"), "updateinfo_*.xml.gz").Where(p => !p.Contains("invalid", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        var expected = Tool.Run("python3", ["-c", script, .. files], null, null).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var ours = new List<string>();
        foreach (var path in files)
        {
            using var content = Inflate(path);
            AlasUpdateReader.Read(
                content,
                path,
                update =>
                {
                    ours.Add(string.Join('\t', "U", update.Id, update.Severity, update.Issued, string.Join(',', update.Cves)));
                    ours.AddRange(update.Packages.Select(p => string.Join('\t', "P", update.Id, p.Name, p.Epoch, p.Version, p.Release, p.Arch)));
                },
                (where, reason) => Assert.Fail($"{where}: {reason}"));
        }

        Assert.Equal(expected, ours);
    }

    [Fact]
    public void A_truncated_file_keeps_the_updates_before_the_break()
    {
        var sink = new CollectingFeedSink();
        using var content = Inflate(Path.Combine(TestData, "fixtures", "updateinfo_invalid.xml.gz"));
        var error = HostileInput.Run(ct =>
        {
            sink.Clear();
            content.Position = 0;
            return AlasFeedFormat.Instance.ReadAsync(content, "invalid", sink, ct);
        });
        Assert.NotNull(error);
        Assert.Equal("ALAS2-2018-939", Assert.Single(sink.Advisories).Vulnerability.Id);
    }

    internal static MemoryStream Inflate(string path)
    {
        var inflated = new MemoryStream();
        using (var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
        {
            gzip.CopyTo(inflated);
        }

        inflated.Position = 0;
        return inflated;
    }

    private static List<AdvisoryRecord> ReadFixtures()
    {
        var sink = new CollectingFeedSink();
        foreach (var path in Directory.GetFiles(Path.Combine(TestData, "fixtures"), "updateinfo_*.xml.gz").Where(p => !p.Contains("invalid", StringComparison.Ordinal)))
        {
            using var content = Inflate(path);
            AlasFeedFormat.Instance.ReadAsync(content, path, sink, CancellationToken.None).GetAwaiter().GetResult();
        }

        Assert.Empty(sink.Skips);
        Assert.Equal(5, sink.Advisories.Count);
        return sink.Advisories;
    }

    private static Severity Severity(string amazonWord) => amazonWord.ToLowerInvariant() switch
    {
        "critical" => Model.Severity.Critical,
        "important" => Model.Severity.High,
        "medium" => Model.Severity.Medium,
        "low" => Model.Severity.Low,
        _ => Model.Severity.Unknown,
    };
}

using System.Globalization;
using Snapsight.Advisories.Feeds.Nvd;
using Snapsight.Advisories.Model;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Feeds.Nvd;

/// <summary>
/// Every NVD API 2.0 page in the shared data, and the per-CVE goldens vuln-list-update and
/// vunnel wrote from those pages, read by python3's json module choosing the score by the
/// documented precedence, must agree with what we stream out of the pages.
/// </summary>
public sealed class NvdOracleTests
{
    private const string Script = """
        import json, re, sys
        ORDER = ['cvssMetricV40', 'cvssMetricV31', 'cvssMetricV30', 'cvssMetricV2']
        def choose(metrics):
            for key in ORDER:
                usable = [m for m in metrics.get(key) or [] if (m.get('cvssData') or {}).get('vectorString')]
                primary = [m for m in usable if m.get('type') == 'Primary']
                if primary or usable:
                    return (primary or usable)[0]['cvssData']
            return None
        def line(cve):
            data = choose(cve.get('metrics') or {})
            if data is None:
                return None
            cwes = []
            for w in cve.get('weaknesses') or []:
                for d in w.get('description') or []:
                    v = d.get('value')
                    if re.fullmatch(r'CWE-\d+', v or '') and v not in cwes:
                        cwes.append(v)
            score = data.get('baseScore')
            return '\t'.join([cve['id'], data['vectorString'], '-' if score is None else repr(float(score)), ','.join(cwes)])
        for path in sys.argv[2:]:
            with open(path, encoding='utf-8') as f:
                doc = json.load(f)
            if sys.argv[1] == 'page':
                cves = [v['cve'] for v in doc.get('vulnerabilities') or []]
            else:
                cves = [doc['item']['cve'] if 'item' in doc else doc]
            for cve in cves:
                out = line(cve)
                if out:
                    print(out)
        """;

    private static readonly string Root = SharedData.Path("advisories", "nvd");

    public static TheoryData<string> Pages => new(PagePaths());

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Each_page_reads_as_python_reads_it(string path)
    {
        var sink = await RecordingSink.ReadFileAsync(NvdFeedFormat.Instance, path);
        Assert.Empty(sink.Skips);
        Assert.Equal(Python("page", path), sink.CveScores.Select(Line));
    }

    [Fact]
    public void The_shared_data_holds_the_pages_expected()
    {
        Assert.Equal(8, PagePaths().Length);
    }

    [Fact]
    public async Task Every_golden_CVE_reads_from_its_page_as_python_reads_the_golden()
    {
        var goldens = Directory.EnumerateFiles(Path.Combine(Root, "vuln-list-update", "nvd", "testdata", "golden", "api"), "CVE-*.json", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "vunnel", "nvd", "test-fixtures", "snapshots"), "cve-*.json", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var ours = new HashSet<string>(StringComparer.Ordinal);
        foreach (var page in PagePaths())
        {
            ours.UnionWith((await RecordingSink.ReadFileAsync(NvdFeedFormat.Instance, page)).CveScores.Select(Line));
        }

        var expected = Python(["golden", .. goldens]);
        Assert.True(expected.Length >= 30, $"only {expected.Length} scored goldens");
        Assert.All(expected, line => Assert.Contains(line, ours));
    }

    private static string Line(CveScore score) =>
        string.Join('\t', score.Cve, score.Cvss.Vector, score.Cvss.Score is { } s ? s.ToString("R", CultureInfo.InvariantCulture) : "-", string.Join(',', score.Cwes));

    /// <summary>Python's lines with its float repr parsed back, so equal doubles print alike.</summary>
    private static string[] Python(params string[] arguments) =>
        [.. Tool.Run("python3", ["-c", Script, .. arguments], null, null).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var fields = line.Split('\t');
            fields[2] = fields[2] == "-" ? "-" : double.Parse(fields[2], CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
            return string.Join('\t', fields);
        })];

    private static string[] PagePaths() =>
        [.. Directory.EnumerateFiles(Root, "*.json", SearchOption.AllDirectories).Where(path => NvdFeedFormat.Instance.Recognises(FeedRecognitionTests.Head(path))).Order(StringComparer.Ordinal)];
}

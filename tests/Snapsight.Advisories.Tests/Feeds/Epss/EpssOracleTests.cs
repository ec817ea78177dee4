using System.Globalization;
using Snapsight.Advisories.Feeds;
using Snapsight.Advisories.Feeds.Epss;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Feeds.Epss;

/// <summary>
/// The EPSS samples, and a generated file mixing good and damaged lines, read by us and by
/// python3's csv module applying the rules the format documents (three fields, a CVE id, plain
/// decimals from 0 to 1), must agree score for score and on which lines are skipped.
/// </summary>
public sealed class EpssOracleTests
{
    private const string Script = """
        import csv, re, sys
        NUMBER = re.compile(r'(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?')
        CVE = re.compile(r'CVE-\d{4}-\d{4,19}')
        def probability(text):
            return NUMBER.fullmatch(text) is not None and 0 <= float(text) <= 1
        with open(sys.argv[1], encoding='utf-8', newline='') as f:
            lines = f.read().split('\n')
        number = 0
        if lines[0].lstrip('\ufeff').startswith('#'):
            number = 1
        if lines[number].rstrip('\r').lstrip('\ufeff') != 'cve,epss,percentile':
            print('REFUSED')
            sys.exit(0)
        for n, line in enumerate(lines[number + 1:], start=number + 2):
            line = line[:-1] if line.endswith('\r') else line
            if line == '':
                continue
            row = next(csv.reader([line]))
            if len(row) == 3 and ',' not in ''.join(row) and CVE.fullmatch(row[0]) and probability(row[1]) and probability(row[2]):
                print('\t'.join([row[0], repr(float(row[1])), repr(float(row[2]))]))
            else:
                print('SKIPPED\t%d' % n)
        """;

    private static readonly string Samples = SharedData.Path("advisories", "epss");

    public static TheoryData<string> Files => new(Directory.EnumerateFiles(Samples, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Each_sample_reads_as_python_reads_it(string path)
    {
        Assert.Equal(Python(path), await Ours(path));
    }

    [Fact]
    public async Task Damaged_lines_are_skipped_exactly_where_python_skips_them()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "epss_scores-2025-01-01.csv");
        await File.WriteAllTextAsync(path, string.Join('\n',
            "#model_version:v2025.03.14,score_date:2025-01-01T00:00:00Z",
            "cve,epss,percentile",
            "CVE-2024-0001,0.5,0.25",
            "CVE-2024-0002,1.5,0.25",
            "CVE-2024-0003,0.5",
            "CVE-2024-0004,0.5,0.25,extra",
            "cve-2024-0005,0.5,0.25",
            "CVE-2024-0006,-0.1,0.2",
            "CVE-2024-0007,1e-05,1.0\r",
            "CVE-2024-0008,nan,0.5",
            "CVE-2024-0009, 0.5,0.5",
            "CVE-2024-10,0.5,0.5",
            "",
            "CVE-2024-0011,.5,1.",
            "CVE-2024-0012,0x1,0.5",
            "CVE-2024-0013,0.000120000,0.999990000"));
        var expected = Python(path);
        Assert.Equal(9, expected.Count(line => line.StartsWith("SKIPPED", StringComparison.Ordinal)));
        Assert.Equal(expected, await Ours(path));
    }

    /// <summary>Python's lines, its floats parsed back: repr is round-trip exact, so equal doubles mean equal readings.</summary>
    private static string[] Python(string path) =>
        [.. Tool.Run("python3", ["-c", Script, path], null, null).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Normalise)];

    private static string Normalise(string line)
    {
        var fields = line.Split('\t');
        return fields.Length == 3 && fields[0].StartsWith("CVE", StringComparison.Ordinal)
            ? Line(fields[0], double.Parse(fields[1], CultureInfo.InvariantCulture), double.Parse(fields[2], CultureInfo.InvariantCulture))
            : line;
    }

    private static string Line(string cve, double score, double percentile) =>
        string.Create(CultureInfo.InvariantCulture, $"{cve}\t{score:R}\t{percentile:R}");

    /// <summary>Ours in the script's shape; the sink keeps scores and skips apart, so they are merged back by line number.</summary>
    private static async Task<string[]> Ours(string path)
    {
        RecordingSink sink;
        try
        {
            sink = await RecordingSink.ReadFileAsync(EpssFeedFormat.Instance, path);
        }
        catch (FeedFormatException)
        {
            return ["REFUSED"];
        }

        var skipped = sink.Skips.Select(s => int.Parse(s.Where[(s.Where.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture)).ToList();
        var scores = new Queue<string>(sink.EpssScores.Select(s => Line(s.Cve, s.Score, s.Percentile)));
        var lines = (await File.ReadAllTextAsync(path)).Split('\n');
        var result = new List<string>();
        for (var n = 1; n <= lines.Length; n++)
        {
            if (skipped.Contains(n))
            {
                result.Add($"SKIPPED\t{n}");
            }
            else if (scores.TryPeek(out var next) && lines[n - 1].StartsWith(next[..next.IndexOf('\t')] + ",", StringComparison.Ordinal))
            {
                result.Add(scores.Dequeue());
            }
        }

        Assert.Empty(scores);
        return [.. result];
    }
}

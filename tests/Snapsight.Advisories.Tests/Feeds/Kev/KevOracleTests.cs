using Snapsight.Advisories.Feeds.Kev;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Feeds.Kev;

/// <summary>The complete KEV catalogue and the sample catalogues, read by us and by python3 (json, and csv on the CSV twin), must agree entry for entry.</summary>
public sealed class KevOracleTests
{
    private const string Script = """
        import csv, json, sys
        kind, path = sys.argv[1], sys.argv[2]
        if kind == 'json':
            with open(path, encoding='utf-8') as f:
                rows = json.load(f)['vulnerabilities']
        else:
            with open(path, encoding='utf-8', newline='') as f:
                rows = list(csv.DictReader(f))
        for v in rows:
            print('\t'.join([v['cveID'], v['dateAdded'], v.get('dueDate') or '-']))
        """;

    private static readonly string Complete = SharedData.Path("advisories", "kev", "cisagov-full", "known_exploited_vulnerabilities");

    public static TheoryData<string> Catalogues => new(
        Complete + ".json",
        SharedData.Path("advisories", "kev", "claircore", "known_exploited_vulnerabilities.json"),
        SharedData.Path("advisories", "kev", "vuln-list-update", "kevc", "testdata", "happy", "known_exploited_vulnerabilities.json"),
        SharedData.Path("advisories", "kev", "vunnel", "kev", "test-fixtures", "valid-catalog-1.json"));

    [Theory]
    [MemberData(nameof(Catalogues))]
    public async Task Every_entry_reads_as_python_reads_it(string path)
    {
        var sink = await RecordingSink.ReadFileAsync(KevFeedFormat.Instance, path);
        Assert.Empty(sink.Skips);
        Assert.Equal(Python("json", path), sink.KevEntries.Select(e => $"{e.Cve}\t{e.DateAdded}\t{e.DueDate ?? "-"}"));
    }

    [Fact]
    public async Task The_complete_catalogue_matches_its_CSV_twin()
    {
        var sink = await RecordingSink.ReadFileAsync(KevFeedFormat.Instance, Complete + ".json");
        var csv = Python("csv", Complete + ".csv");
        Assert.Equal(1_404, csv.Length);
        Assert.Equal(csv, sink.KevEntries.Select(e => $"{e.Cve}\t{e.DateAdded}\t{e.DueDate ?? "-"}"));
    }

    private static string[] Python(string kind, string path) =>
        Tool.Run("python3", ["-c", Script, kind, path], null, null).Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

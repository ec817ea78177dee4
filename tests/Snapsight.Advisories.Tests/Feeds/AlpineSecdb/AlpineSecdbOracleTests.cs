using System.Text.Json;
using Snapsight.Advisories.Feeds.AlpineSecdb;
using Snapsight.Advisories.Model;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Feeds.AlpineSecdb;

/// <summary>
/// Every secdb file in the shared data, YAML and JSON, read by us and by python3 (yaml.safe_load,
/// json.load): the (package, version, entry) triples must agree line for line; and vunnel's
/// per-CVE snapshots of its v3.15 input must be exactly our (CVE, package, fixed version) ranges.
/// </summary>
public sealed class AlpineSecdbOracleTests
{
    private const string Script = """
        import json, sys, yaml
        for path in sys.argv[1:]:
            with open(path, 'rb') as f:
                d = yaml.safe_load(f) if path.endswith('.yaml') else json.load(f)
            print('\t'.join(['F', path, d['distroversion'], d.get('reponame') or '-']))
            for p in d.get('packages') or []:
                pkg = p['pkg']
                for version, items in (pkg.get('secfixes') or {}).items():
                    for item in items or []:
                        if item.strip():
                            print('\t'.join(['X', path, pkg['name'], str(version), item.strip()]))
        """;

    private static readonly string Alpine = SharedData.Path("advisories", "alpine");

    [Fact]
    public void The_whole_yaml_secdb_reads_as_python_reads_it()
    {
        var files = Directory.GetFiles(Path.Combine(Alpine, "alpine-secdb-yaml-full"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var ours = Lines(files);
        Assert.Equal(Python(files), ours);
        Assert.Equal(12_028, ours.Count(line => line.StartsWith("X\t", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_json_secdb_and_the_other_yaml_read_as_python_reads_them()
    {
        var files = Directory.GetFiles(Alpine, "*.json", SearchOption.AllDirectories)
            .Where(path => File.ReadAllText(path).Contains("\"distroversion\"", StringComparison.Ordinal))
            .Concat(Directory.GetFiles(Path.Combine(Alpine, "vunnel"), "*.yaml", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.True(files.Length >= 20, $"only {files.Length} secdb files found");
        Assert.Equal(Python(files), Lines(files));
    }

    [Fact]
    public void Vunnels_snapshots_are_exactly_our_ranges()
    {
        var fixtures = Path.Combine(Alpine, "vunnel", "alpine", "test-fixtures");
        var ours = Directory.GetFiles(Path.Combine(fixtures, "input", "secdb", "v3.15"))
            .SelectMany(path => CollectingFeedSink.Read(AlpineSecdbFeedFormat.Instance, File.ReadAllBytes(path), path).Advisories)
            .SelectMany(a => a.Affected.Select(r => (a.Vulnerability.Id, r.Package, r.Fixed, r.Scope)))
            .ToArray();
        var expected = new List<(string, string, string?, AdvisoryScope)>();
        foreach (var file in Directory.GetFiles(Path.Combine(fixtures, "snapshots", "3.15")))
        {
            using var snapshot = JsonDocument.Parse(File.ReadAllBytes(file));
            var vulnerability = snapshot.RootElement.GetProperty("item").GetProperty("Vulnerability");
            expected.AddRange(vulnerability.GetProperty("FixedIn").EnumerateArray().Select(f => (
                vulnerability.GetProperty("Name").GetString()!,
                f.GetProperty("Name").GetString()!,
                (string?)f.GetProperty("Version").GetString(),
                new AdvisoryScope("alpine", f.GetProperty("NamespaceName").GetString()!.Split(':')[1]))));
        }

        Assert.Equal(16, expected.Count);
        Assert.Equal(expected.Order(), ours.Order());
    }

    private static string[] Python(string[] files) =>
        Tool.Run("/usr/bin/python3", ["-c", Script, .. files], null, null).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static List<string> Lines(string[] files)
    {
        var lines = new List<string>();
        foreach (var path in files)
        {
            var file = AlpineSecdbFeedFormat.Read(File.ReadAllBytes(path), path);
            Assert.Empty(file.Skipped);
            lines.Add(string.Join('\t', "F", path, file.DistroVersion, file.RepoName ?? "-"));
            lines.AddRange(file.Fixes.Select(fix => string.Join('\t', "X", path, fix.Package, fix.Version, fix.Item)));
        }

        return lines;
    }
}

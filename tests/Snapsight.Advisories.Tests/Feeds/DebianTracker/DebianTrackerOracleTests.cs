using System.Text.Json;
using Snapsight.Advisories.Feeds.DebianTracker;
using Snapsight.Advisories.Model;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Feeds.DebianTracker;

/// <summary>
/// The tracker JSON sample vunnel tests with, read by us, against vunnel's own per-release
/// snapshots of it and against python3's json module. The mapping to vunnel's output: namespace
/// "debian:N" is our scope ("debian", "N"); a FixedIn version "None" is one of our no-fix
/// statuses (affected, end of life, …), "0" is not affected, any other version is Fixed;
/// vunnel's "Negligible" is our Low (the tracker's "unimportant"). Vunnel's "debian:7" (a legacy
/// file) and "debian:unstable" namespaces, and FixedIn entries for packages the JSON does not
/// hold (vunnel adds them from the DSA list), have no counterpart here.
/// </summary>
public sealed class DebianTrackerOracleTests
{
    private static readonly string Fixtures = SharedData.Path("advisories", "debian", "vunnel", "debian", "test-fixtures");
    private static readonly string TrackerJson = Path.Combine(Fixtures, "input", "debian.json");

    [Fact]
    public void Every_range_agrees_with_vunnels_snapshots_and_every_snapshot_entry_is_found()
    {
        var ours = Ranges(CollectingFeedSink.Read(DebianTrackerFeedFormat.Instance, File.ReadAllBytes(TrackerJson)));
        using var input = JsonDocument.Parse(File.ReadAllBytes(TrackerJson));
        var packages = input.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        var matched = new HashSet<(string, string, string)>();
        foreach (var directory in Directory.GetDirectories(Path.Combine(Fixtures, "snapshots")))
        {
            var release = Path.GetFileName(directory).Split(':')[1];
            if (release is "7" or "unstable")
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(directory, "*.json"))
            {
                using var snapshot = JsonDocument.Parse(File.ReadAllBytes(file));
                var vulnerability = snapshot.RootElement.GetProperty("item").GetProperty("Vulnerability");
                var cve = vulnerability.GetProperty("Name").GetString()!;
                var severity = vulnerability.GetProperty("Severity").GetString() is "Negligible" ? Severity.Low : Enum.Parse<Severity>(vulnerability.GetProperty("Severity").GetString()!);
                foreach (var fixedIn in vulnerability.GetProperty("FixedIn").EnumerateArray())
                {
                    var package = fixedIn.GetProperty("Name").GetString()!;
                    if (!packages.Contains(package))
                    {
                        continue;
                    }

                    var key = (release, cve, package);
                    Assert.True(ours.TryGetValue(key, out var range), $"no range for {key}");
                    var version = fixedIn.GetProperty("Version").GetString();
                    switch (version)
                    {
                        case "None":
                            Assert.DoesNotContain(range.Status, new[] { AffectedStatus.Fixed, AffectedStatus.NotAffected });
                            Assert.Null(range.Fixed);
                            break;
                        case "0":
                            Assert.Equal(AffectedStatus.NotAffected, range.Status);
                            break;
                        default:
                            Assert.Equal(AffectedStatus.Fixed, range.Status);
                            Assert.Equal(version, range.Fixed);
                            break;
                    }

                    Assert.Equal(severity, range.Severity);
                    matched.Add(key);
                }
            }
        }

        Assert.Equal(19, matched.Count);
        Assert.Equal(matched.Order(), ours.Keys.Order());
    }

    private const string PythonScript = """
            import json, sys
            MAJOR = {'jessie': '8', 'stretch': '9', 'buster': '10', 'bullseye': '11', 'bookworm': '12', 'trixie': '13'}
            for package, cves in json.load(open(sys.argv[1])).items():
                for cve, entry in cves.items():
                    releases = entry.get('releases') or {}
                    for codename, release in releases.items():
                        if codename in MAJOR:
                            fixed = release.get('fixed_version') if release['status'] == 'resolved' else '-'
                            print('\t'.join([package, cve, MAJOR[codename], fixed, entry.get('description') or '-']))
            """;

    [Fact]
    public void Every_release_entry_reads_as_python_reads_it()
    {
        var sink = CollectingFeedSink.Read(DebianTrackerFeedFormat.Instance, File.ReadAllBytes(TrackerJson));
        Assert.Empty(sink.Skips);
        Assert.Equal(Python(TrackerJson), PythonShaped(sink));
        Assert.All(sink.Advisories, a => Assert.All(a.Affected, r => Assert.Equal(Ecosystems.Debian, r.Scope.Ecosystem)));
    }

    [Fact]
    public async Task A_file_of_three_thousand_renamed_copies_streams_as_python_reads_it()
    {
        // Real entries, many buffers' worth: every entry boundary lands somewhere in a 64 KiB read.
        using var input = JsonDocument.Parse(File.ReadAllBytes(TrackerJson));
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "tracker.json");
        await using (var file = File.Create(path))
        await using (var writer = new Utf8JsonWriter(file))
        {
            writer.WriteStartObject();
            for (var copy = 0; copy < 3000; copy++)
            {
                foreach (var package in input.RootElement.EnumerateObject())
                {
                    writer.WritePropertyName($"{package.Name}-{copy}");
                    package.Value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        var sink = new CollectingFeedSink();
        await using (var content = File.OpenRead(path))
        {
            await DebianTrackerFeedFormat.Instance.ReadAsync(content, path, sink, CancellationToken.None);
        }

        Assert.Empty(sink.Skips);
        Assert.Equal(Python(path), PythonShaped(sink));
    }

    private static string[] Python(string path) =>
        [.. Tool.Run("python3", ["-c", PythonScript, path], null, null).Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];

    private static string[] PythonShaped(CollectingFeedSink sink) =>
        [.. sink.Advisories
            .SelectMany(a => a.Affected.Select(r => string.Join('\t', r.Package, a.Vulnerability.Id, r.Scope.Release, r.Fixed ?? (r.Status == AffectedStatus.NotAffected ? "0" : "-"), a.Vulnerability.Description ?? "-")))
            .Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task A_stream_handing_out_few_bytes_at_a_time_reads_the_same(int chunk)
    {
        var bytes = File.ReadAllBytes(TrackerJson);
        var whole = CollectingFeedSink.Read(DebianTrackerFeedFormat.Instance, bytes);
        var trickled = new CollectingFeedSink();
        await DebianTrackerFeedFormat.Instance.ReadAsync(new TrickleStream(bytes, chunk), "test", trickled, CancellationToken.None);
        Assert.Equal(Describe(whole), Describe(trickled));
    }

    internal static string[] Describe(CollectingFeedSink sink) =>
        sink.Advisories.SelectMany(a => a.Affected.Select(r => $"{a.Vulnerability.Id} {r.Package} {r.Scope} {r.Status} {r.Fixed} {r.Severity}")).ToArray();

    private static Dictionary<(string, string, string), AffectedRange> Ranges(CollectingFeedSink sink) =>
        sink.Advisories.SelectMany(a => a.Affected.Select(r => (Key: (r.Scope.Release, a.Vulnerability.Id, r.Package), Range: r))).ToDictionary(x => x.Key, x => x.Range);
}

using System.Text.Json;
using Snapsight.Cli.Tests;
using Snapsight.Cli.Tests.Scan;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Scanning.Tests;

/// <summary>
/// The root volume alone, scanned through the library as a machine, gives what <c>snapsight scan
/// image</c> gives for the same file as an image: the same system, packages, findings (against
/// advisories whose verdicts dpkg decided), file systems and gaps. The CLI runs as its own process.
/// </summary>
public sealed class SingleVolumeTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly DebianAdvisoryFixture _advisories;
    private readonly string _db;

    public SingleVolumeTests()
    {
        var feeds = Directory.CreateDirectory(_temp.File("feeds")).FullName;
        _advisories = DebianAdvisoryFixture.Write(feeds);
        _db = _temp.File("advisories.db");
        var import = SnapsightProcess.Run("db", "import", feeds, "--db", _db);
        Assert.True(import.ExitCode == 0, import.Stderr);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_root_volume_alone_gives_the_clis_result_for_the_same_image()
    {
        var cli = SnapsightProcess.Run("scan", "image", DataVolumes.Root, "--db", _db, "--format", "json");
        Assert.True(cli.ExitCode == 0, cli.Stderr);
        using var expected = JsonDocument.Parse(cli.Stdout);
        using var root = FileBlockDevice.Open(DataVolumes.Root);

        var result = await ScanPipeline.RunAsync(DataVolumes.Root, [new ScanVolume("vol-root", root)], new ScanOptions { AdvisoryStorePath = _db });

        var json = expected.RootElement;
        Assert.Equal(json.GetProperty("os").GetProperty("versionId").GetString(), result.Os?.VersionId);
        Assert.Equal(
            json.GetProperty("packages").EnumerateArray().Select(p => $"{p.GetProperty("purl").GetString()} {p.GetProperty("location").GetString()}"),
            result.Inventory.Packages.Select(p => $"{p.Purl} {p.Package.Location}"));
        var findings = result.Findings.Select(f => $"{f.Id} {f.Package.Package.Name}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            json.GetProperty("vulnerabilities").EnumerateArray().Select(v => $"{v.GetProperty("id").GetString()} {v.GetProperty("package").GetProperty("name").GetString()}").Order(StringComparer.Ordinal),
            findings);
        Assert.Equal(_advisories.Expected.Select(e => $"{e.Id} {e.Package}").Order(StringComparer.Ordinal), findings);
        Assert.Equal(
            json.GetProperty("filesystems").EnumerateArray().Select(f => $"{f.GetProperty("partition").GetString()} {f.GetProperty("uuid").GetString()} {f.GetProperty("mountPoint").GetString()}"),
            result.Target.FileSystems.Select(f => $"{f.Volume} {f.Uuid} {f.MountPoint}"));
        Assert.Equal(
            json.GetProperty("gaps").EnumerateArray().Select(g => $"{g.GetProperty("where").GetString()}: {g.GetProperty("reason").GetString()}"),
            result.Gaps.Select(g => $"{g.Where}: {g.Reason}"));
        Assert.Contains(result.Gaps, g => g.Where == "/srv/data"); // its data volume was not given
    }
}

using System.Text.Json;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Scanning.Tests;

/// <summary>
/// A machine of several volumes scanned as one: the real Debian 12 root, whose fstab mounts a data
/// volume at /srv/data, and data volumes built here. The oracles are dpkg-query on the tree the
/// root was made from and the files written onto the data volumes.
/// </summary>
public sealed class InstanceScanTests(DataVolumes volumes) : IClassFixture<DataVolumes>
{
    private const string DataMount = "/srv/data";

    [Fact]
    public async Task Packages_on_a_data_volume_appear_under_the_mount_point_fstab_gives_it()
    {
        using var root = FileBlockDevice.Open(DataVolumes.Root);
        using var data = FileBlockDevice.Open(volumes.Data);

        var result = await ScanPipeline.RunAsync("i-0123", [new ScanVolume("vol-root", root), new ScanVolume("vol-data", data, "/dev/sdf")], new ScanOptions());

        var python = Assert.Single(result.Inventory.Packages, p => p.Package.Name == DataVolumes.PythonName);
        Assert.Equal(("python", DataVolumes.PythonVersion), (python.Package.Type, python.Package.Version));
        Assert.StartsWith(DataMount + Path.GetDirectoryName(DataVolumes.PythonMetadata), python.Package.Location, StringComparison.Ordinal);
        var npm = Assert.Single(result.Inventory.Packages, p => p.Package.Name == DataVolumes.NpmName);
        Assert.Equal(("npm", DataVolumes.NpmVersion), (npm.Package.Type, npm.Package.Version));
        Assert.StartsWith(DataMount + Path.GetDirectoryName(DataVolumes.NpmManifest), npm.Package.Location, StringComparison.Ordinal);
        Assert.Contains(result.Target.FileSystems, f => f is { Volume: "vol-data:disk", Type: "ext4", MountPoint: DataMount, Uuid: DataVolumes.FstabDataUuid });
        Assert.Contains(result.Target.FileSystems, f => f is { Volume: "disk", MountPoint: "/" });
        Assert.DoesNotContain(result.Gaps, g => g.Where == DataMount);
    }

    [Fact]
    public async Task The_os_packages_are_exactly_what_dpkg_says_the_root_holds()
    {
        using var root = FileBlockDevice.Open(DataVolumes.Root);
        using var data = FileBlockDevice.Open(volumes.Data);
        var admin = Path.Combine(DebianImages.Path("rootfs"), "var", "lib", "dpkg");
        var dpkg = Tool.Run("dpkg-query", $"--admindir={admin}", "-W", "-f", "${db:Status-Abbrev}\t${Package}\t${Version}\n")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(f => f[0].StartsWith("ii", StringComparison.Ordinal))
            .Select(f => $"{f[1]} {f[2]}")
            .Order(StringComparer.Ordinal);

        var result = await ScanPipeline.RunAsync("i-0123", [new ScanVolume("vol-root", root), new ScanVolume("vol-data", data)], new ScanOptions());

        Assert.Equal("debian", result.Os?.Family);
        Assert.Equal(dpkg, result.Inventory.Packages.Where(p => p.Package.Type == "dpkg").Select(p => $"{p.Package.Name} {p.Package.Version}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_data_volume_fstab_does_not_name_is_reported_and_its_files_are_not_read_as_the_machines()
    {
        using var root = FileBlockDevice.Open(DataVolumes.Root);
        using var data = FileBlockDevice.Open(volumes.Data);
        using var stray = FileBlockDevice.Open(volumes.Stray);

        var result = await ScanPipeline.RunAsync(
            "i-0123", [new ScanVolume("vol-root", root), new ScanVolume("vol-stray", stray), new ScanVolume("vol-data", data)], new ScanOptions());

        var gap = Assert.Single(result.Gaps, g => g.Where == "vol-stray:disk");
        Assert.Contains("not mounted by /etc/fstab", gap.Reason, StringComparison.Ordinal);
        Assert.Contains("7a3c9e51-0b2d-4f6e-8c1a-2d4e6f8a0b13", gap.Reason, StringComparison.Ordinal);
        Assert.Contains(result.Target.FileSystems, f => f is { Volume: "vol-stray:disk", MountPoint: null });
        Assert.DoesNotContain(result.Inventory.Packages, p => p.Package.Name == DataVolumes.StrayName);
        Assert.Contains(result.Inventory.Packages, p => p.Package.Name == DataVolumes.PythonName);
    }

    [Fact]
    public async Task Without_an_advisory_store_the_inventory_is_taken_and_the_gap_says_matching_did_not_run()
    {
        using var root = FileBlockDevice.Open(DataVolumes.Root);

        var result = await ScanPipeline.RunAsync("i-0123", [new ScanVolume("vol-root", root)], new ScanOptions());

        Assert.Null(result.Database);
        Assert.Empty(result.Findings);
        Assert.NotEmpty(result.Inventory.Packages);
        Assert.Contains(result.Gaps, g => g.Where == "advisories");
        Assert.Throws<InvalidOperationException>(() => result.ToReport());
    }

    [Fact]
    public async Task Read_statistics_count_what_the_volumes_served_and_no_more_than_they_hold()
    {
        using var root = FileBlockDevice.Open(DataVolumes.Root);
        using var data = FileBlockDevice.Open(volumes.Data);

        var result = await ScanPipeline.RunAsync("i-0123", [new ScanVolume("vol-root", root), new ScanVolume("vol-data", data)], new ScanOptions());

        var read = result.Target.Statistics!;
        Assert.Equal(root.Statistics.BytesRead + data.Statistics.BytesRead, read.BytesRead);
        Assert.Equal(root.Statistics.ReadRequests + data.Statistics.ReadRequests, read.ReadRequests);
        Assert.Equal(root.Length + data.Length, read.DeviceBytes);
        Assert.True(data.Statistics.BytesRead > 0, "the data volume was read");
        Assert.True(read.BytesRead < read.DeviceBytes / 4, $"read {read.BytesRead} of {read.DeviceBytes} bytes: the scan reads what it needs, not whole volumes");
    }

    [Fact]
    public async Task The_sbom_of_the_machine_lists_the_data_volumes_packages_with_their_purls()
    {
        using var root = FileBlockDevice.Open(DataVolumes.Root);
        using var data = FileBlockDevice.Open(volumes.Data);
        var result = await ScanPipeline.RunAsync("i-0123", [new ScanVolume("vol-root", root), new ScanVolume("vol-data", data)], new ScanOptions());

        using var cyclone = new MemoryStream();
        result.WriteSbom(cyclone, SbomFormat.CycloneDx);
        using var spdx = new MemoryStream();
        result.WriteSbom(spdx, SbomFormat.SpdxJson);

        using var cycloneJson = JsonDocument.Parse(cyclone.ToArray());
        var purls = cycloneJson.RootElement.GetProperty("components").EnumerateArray().Select(c => c.TryGetProperty("purl", out var p) ? p.GetString() : null).ToList();
        Assert.Contains($"pkg:pypi/{DataVolumes.PythonName}@{DataVolumes.PythonVersion}", purls);
        Assert.Contains($"pkg:npm/{DataVolumes.NpmName}@{DataVolumes.NpmVersion}", purls);
        using var spdxJson = JsonDocument.Parse(spdx.ToArray());
        Assert.Equal("i-0123", spdxJson.RootElement.GetProperty("name").GetString());
        Assert.Contains(spdxJson.RootElement.GetProperty("packages").EnumerateArray(),
            p => p.GetProperty("name").GetString() == DataVolumes.PythonName && p.GetProperty("versionInfo").GetString() == DataVolumes.PythonVersion);
    }

    [Fact]
    public async Task Progress_names_each_stage_in_order_and_cancellation_stops_the_scan()
    {
        using var root = FileBlockDevice.Open(DataVolumes.Root);
        var stages = new ProgressRecorder();
        await ScanPipeline.RunAsync("i-0123", [new ScanVolume("vol-root", root)], new ScanOptions { Progress = stages });
        Assert.Equal([ScanStage.Reading, ScanStage.Done], stages.Stages);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => ScanPipeline.RunAsync("i-0123", [new ScanVolume("vol-root", root)], new ScanOptions(), cancelled.Token));

        // Cancelled once reading has begun: the scan stops before its last stage.
        using var midway = new CancellationTokenSource();
        var seen = new ProgressRecorder(stage => stage == ScanStage.Reading ? midway : null);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => ScanPipeline.RunAsync("i-0123", [new ScanVolume("vol-root", root)], new ScanOptions { Progress = seen }, midway.Token));
        Assert.Equal([ScanStage.Reading], seen.Stages);
    }

    [Fact]
    public async Task Volumes_without_names_of_their_own_are_a_caller_error()
    {
        using var root = FileBlockDevice.Open(DataVolumes.Root);

        await Assert.ThrowsAsync<ArgumentException>(() => ScanPipeline.RunAsync("i-0123", [new ScanVolume("a", root), new ScanVolume("a", root)], new ScanOptions()));
        await Assert.ThrowsAsync<ArgumentException>(() => ScanPipeline.RunAsync("i-0123", [], new ScanOptions()));
    }

    /// <summary>Records synchronously (Progress&lt;T&gt; would post to the thread pool and race the assertion).</summary>
    private sealed class ProgressRecorder(Func<ScanStage, CancellationTokenSource?>? cancelAt = null) : IProgress<ScanProgressReport>
    {
        private readonly List<ScanStage> _stages = [];

        public IReadOnlyList<ScanStage> Stages
        {
            get
            {
                lock (_stages)
                {
                    return [.. _stages];
                }
            }
        }

        public void Report(ScanProgressReport value)
        {
            lock (_stages)
            {
                _stages.Add(value.Stage);
            }

            cancelAt?.Invoke(value.Stage)?.Cancel();
        }
    }
}

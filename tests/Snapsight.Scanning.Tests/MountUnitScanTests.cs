using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Scanning.Tests;

/// <summary>
/// Data volumes mounted by systemd mount units rather than fstab: a root file system whose units
/// are enabled by systemd's own <c>systemctl --root … enable</c>, built with mkfs.ext4 -d. The
/// oracle of which units mount at boot is <c>systemctl --root … is-enabled</c> on the same tree.
/// </summary>
public sealed class MountUnitScanTests : IDisposable
{
    private const string ExtraUuid = "3f0d6a52-9c1e-4b7a-8e2d-5a6b7c8d9e01";
    private const string IdleUuid = "4a1e7b63-0d2f-4c8b-9f3e-6b7c8d9e0f12";
    private const string MisnamedUuid = "5b2f8c74-1e30-4d9c-a04f-7c8d9e0f1a23";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task An_enabled_mount_unit_mounts_its_volume_and_disabled_or_misnamed_ones_do_not()
    {
        var root = BuildRoot(out var tree);
        var volumes = new[] { ("extra", ExtraUuid), ("idle", IdleUuid), ("misnamed", MisnamedUuid) }
            .Select(v => (v.Item1, Image: BuildData(v.Item1, v.Item2))).ToList();
        using var rootDevice = FileBlockDevice.Open(root);
        var devices = volumes.Select(v => (v.Item1, Device: FileBlockDevice.Open(v.Image))).ToList();
        try
        {
            var result = await ScanPipeline.RunAsync("i-units",
                [new ScanVolume("vol-root", rootDevice), .. devices.Select(d => new ScanVolume("vol-" + d.Item1, d.Device))], new ScanOptions());

            // systemd's answer on the same tree: only srv-extra.mount is enabled.
            Assert.True(Tool.Succeeds("systemctl", "--root", tree, "is-enabled", "srv-extra.mount"));
            Assert.False(Tool.Succeeds("systemctl", "--root", tree, "is-enabled", "srv-idle.mount"));
            Assert.Contains(result.Target.FileSystems, f => f is { Volume: "vol-extra:disk", MountPoint: "/srv/extra" });
            Assert.Contains(result.Target.FileSystems, f => f is { Volume: "vol-idle:disk", MountPoint: null });
            Assert.Contains(result.Target.FileSystems, f => f is { Volume: "vol-misnamed:disk", MountPoint: null });
            var package = Assert.Single(result.Inventory.Packages, p => p.Package.Name == "extra-probe");
            Assert.StartsWith("/srv/extra/app/", package.Package.Location, StringComparison.Ordinal);
            Assert.Contains(result.Gaps, g => g.Reason.Contains("srv-other.mount has Where=/srv/misnamed", StringComparison.Ordinal));
            Assert.Contains(result.Gaps, g => g.Where == "vol-idle:disk" && g.Reason.Contains("not mounted by /etc/fstab or an enabled mount unit", StringComparison.Ordinal));
        }
        finally
        {
            devices.ForEach(d => d.Device.Dispose());
        }
    }

    private string BuildRoot(out string tree)
    {
        tree = Directory.CreateDirectory(_temp.File("root-tree")).FullName;
        DataVolumes.Write(tree, "/etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nNAME=\"Debian GNU/Linux\"\n");
        DataVolumes.Write(tree, "/etc/fstab", "# the root only: the data volumes are mounted by units\n");
        Directory.CreateDirectory(Path.Combine(tree, "usr/bin"));
        DataVolumes.Write(tree, "/etc/systemd/system/srv-extra.mount", Unit($"UUID={ExtraUuid}", "/srv/extra"));
        DataVolumes.Write(tree, "/etc/systemd/system/srv-idle.mount", Unit($"/dev/disk/by-uuid/{IdleUuid}", "/srv/idle"));
        // Enabled, but its name is not its Where= escaped: systemd refuses to load it.
        DataVolumes.Write(tree, "/etc/systemd/system/srv-other.mount", Unit($"UUID={MisnamedUuid}", "/srv/misnamed"));
        Tool.Run("systemctl", "--root", tree, "enable", "srv-extra.mount");
        Directory.CreateDirectory(Path.Combine(tree, "etc/systemd/system/multi-user.target.wants"));
        File.CreateSymbolicLink(Path.Combine(tree, "etc/systemd/system/multi-user.target.wants/srv-other.mount"), "/etc/systemd/system/srv-other.mount");
        var image = _temp.File("root.img");
        Tool.Run("truncate", "-s", "32M", image);
        Tool.Run("mkfs.ext4", "-q", "-F", "-d", tree, image);
        return image;
    }

    private string BuildData(string name, string uuid)
    {
        var tree = Directory.CreateDirectory(_temp.File(name + "-tree")).FullName;
        DataVolumes.Write(tree, $"/app/lib/python3.11/site-packages/{name}_probe-1.0.dist-info/METADATA", $"Metadata-Version: 2.1\nName: {name}-probe\nVersion: 1.0\n");
        var image = _temp.File(name + ".img");
        Tool.Run("truncate", "-s", "16M", image);
        Tool.Run("mkfs.ext4", "-q", "-F", "-d", tree, "-U", uuid, image);
        return image;
    }

    private static string Unit(string what, string where) =>
        $"[Unit]\nDescription=Data volume\n\n[Mount]\nWhat={what}\nWhere={where}\nType=ext4\nOptions=defaults,nofail\n\n[Install]\nWantedBy=local-fs.target\n";
}

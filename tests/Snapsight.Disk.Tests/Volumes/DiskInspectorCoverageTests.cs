using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.Tests.Lvm;
using Snapsight.Disk.Tests.Partitions;
using Snapsight.Disk.Tests.Support;
using Snapsight.Disk.Volumes;

namespace Snapsight.Disk.Tests.Volumes;

/// <summary>
/// A server-shaped disk made with real tools: sfdisk partitions, an LVM physical volume
/// holding root and data logical volumes (mkfs.ext4 images placed as LVM maps them), a LUKS
/// partition from cryptsetup, and a partition of random bytes. Nothing may be dropped: the
/// logical volumes are found and mounted by the root's fstab, the rest are named gaps.
/// </summary>
public sealed class DiskInspectorCoverageTests
{
    private const long ExtentBytes = 1 << 20;
    private static readonly PvSpec Pv = new("pv0", "aaaaaa-1111-2222-3333-4444-5555-bbbbbb", 2048, 23, 24L * 2048);
    private static readonly LvSpec Root = new("root", "rrrrrr-0000-0000-0000-0000-0000-rrrrrr", new SegSpec(12, 0, ("pv0", 0)));
    private static readonly LvSpec Data = new("my-data", "dddddd-0000-0000-0000-0000-0000-dddddd", new SegSpec(6, 0, ("pv0", 12)));

    [Fact]
    public async Task Logical_volumes_are_mounted_by_fstab_and_encrypted_or_unknown_partitions_are_named_gaps()
    {
        using var directory = new TempDirectory();
        var disk = SfdiskOracle.CreateDisk(directory, "server.img", 64L << 20, """
            label: gpt
            start=2048, size=49152, type=E6D6D379-F507-44C2-A23C-238F2A3DF928, name="lvm"
            size=20480, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="secret"
            size=8192, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="mystery"
            """);
        var partitions = SfdiskOracle.Read(disk).Partitions;

        var rootImage = MakeExt4(directory, "root", Root.ExtentCount * ExtentBytes, new()
        {
            ["etc/os-release"] = "ID=debian\nVERSION_ID=\"12\"\n",
            // Real fstabs name LVs by their mapper path; the hyphen in "my-data" is doubled there.
            ["etc/fstab"] = "/dev/mapper/vg0-root / ext4 defaults 0 1\n/dev/mapper/vg0-my--data /srv ext4 defaults 0 2\n",
            ["usr/bin/.keep"] = "",
        });
        var dataImage = MakeExt4(directory, "data", Data.ExtentCount * ExtentBytes, new() { ["www/index.html"] = "hello from LVM\n" });
        using (var file = new FileStream(disk, FileMode.Open, FileAccess.ReadWrite))
        {
            var head = new byte[Pv.PeStartSectors * 512];
            LvmImageBuilder.WritePvMetadata(head, Pv.DevSizeSectors * 512, new PvLayout(Pv.Uuid),
                LvmMetadataText.Write("vg0", "vgvgvg-0000-1111-2222-3333-4444-vgvgvg", 2048, [Pv], [Root, Data]));
            file.Position = partitions[0].Start * 512;
            file.Write(head);
            var pvs = new Dictionary<string, (Stream, long)> { ["pv0"] = (file, (partitions[0].Start + Pv.PeStartSectors) * 512) };
            LvmImageBuilder.PlaceVolumeData(pvs, ExtentBytes, Root, rootImage);
            LvmImageBuilder.PlaceVolumeData(pvs, ExtentBytes, Data, dataImage);

            var random = new byte[partitions[2].Size * 512];
            new Random(7).NextBytes(random);
            file.Position = partitions[2].Start * 512;
            file.Write(random);
        }

        var luks = directory.File("luks.img");
        File.WriteAllBytes(luks, new byte[partitions[1].Size * 512]);
        File.WriteAllText(directory.File("key"), "not-a-real-secret");
        Tool.Run("cryptsetup", "luksFormat", "--batch-mode", "--type", "luks1", "--key-file", directory.File("key"),
            "--pbkdf-force-iterations", "1000", luks);
        Tool.Run("dd", $"if={luks}", $"of={disk}", "bs=512", $"seek={partitions[1].Start}", "conv=notrunc", "status=none");

        using var inspection = await DiskInspector.InspectAsync(disk);

        var byName = inspection.Volumes.ToDictionary(v => v.Name);
        Assert.Equal(VolumeContent.LvmPhysicalVolume, byName["p1"].Content);
        Assert.Equal(VolumeContent.Luks, byName["p2"].Content);
        Assert.Equal(VolumeContent.Unknown, byName["p3"].Content);
        Assert.Equal("ext4", byName["vg0/root"].FileSystem!.Type);
        Assert.Equal("vg0/root", inspection.RootVolume!.Name);
        Assert.Contains(inspection.Gaps, g => g.Where == "p2" && g.Reason.Contains("LUKS", StringComparison.Ordinal));
        Assert.Contains(inspection.Gaps, g => g.Where == "p3");

        var tree = inspection.Assembly!.Tree;
        await using var page = await tree.OpenReadAsync("/srv/www/index.html");
        Assert.Equal("hello from LVM\n", await new StreamReader(page).ReadToEndAsync());
        var mount = Assert.Single(inspection.Assembly.Mounts);
        Assert.Equal("/srv", mount.MountPoint);
    }

    [Fact]
    public async Task A_bare_file_system_with_no_partition_table_is_the_whole_disk()
    {
        using var directory = new TempDirectory();
        var image = MakeExt4(directory, "bare", 8L << 20, new() { ["etc/fstab"] = "", ["etc/os-release"] = "ID=alpine\n" });
        var path = directory.File("bare.img");
        await File.WriteAllBytesAsync(path, image);

        using var inspection = await DiskInspector.InspectAsync(path);

        Assert.Equal("none", inspection.PartitionTable!.Scheme);
        var volume = Assert.Single(inspection.Volumes);
        Assert.Equal("disk", volume.Name);
        Assert.Same(volume, inspection.RootVolume);
        Assert.Empty(inspection.Gaps);
    }

    private static byte[] MakeExt4(TempDirectory directory, string name, long bytes, Dictionary<string, string> files)
    {
        var tree = Directory.CreateDirectory(directory.File($"tree-{name}")).FullName;
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(tree, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        var image = directory.File($"{name}.ext4");
        Tool.Run("mkfs.ext4", "-q", "-F", "-d", tree, image, $"{bytes / 1024}k");
        return File.ReadAllBytes(image);
    }
}

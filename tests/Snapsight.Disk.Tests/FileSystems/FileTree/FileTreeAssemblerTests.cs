using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Fat;
using Snapsight.Disk.Tests.FileSystems.Fat;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.FileTree;

/// <summary>fstab assembly over a real FAT volume and in-memory stand-ins for the others.</summary>
public sealed class FileTreeAssemblerTests : IDisposable
{
    private const string RootUuid = "0b4c7e3a-7d1f-4a55-9d4f-2f1d6c2a9e11";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Fstab_mounts_volumes_by_uuid_label_and_device_and_reports_the_rest()
    {
        var image = FatTestImage.Build(_temp, 12, 2, new Dictionary<string, byte[]> { ["EFI/BOOT/BOOTX64.EFI"] = "shim"u8.ToArray() },
            label: "ESP", serial: "8c3a1f2b");
        var esp = await FatFileSystem.OpenAsync(new MemoryBlockDevice(image.Bytes));
        var espUuid = Tool.Run("blkid", "-o", "value", "-s", "UUID", image.Path).Trim().ToLowerInvariant(); // fstab case may differ
        var root = new InMemoryFileSystem(uuid: RootUuid.ToUpperInvariant())
            .File("/etc/os-release", "ID=debian")
            .File("/etc/fstab", $"""
                UUID={RootUuid} / ext4 errors=remount-ro 0 1
                UUID={espUuid} /boot/efi vfat umask=0077 0 1
                LABEL=home /home ext4 defaults 0 2
                /dev/mapper/vg0-var--log /var/log xfs defaults 0 0
                PARTUUID=6f1e2d3c-0000-4000-8000-000000000001 /srv ext4 defaults 0 2
                UUID=deadbeef-0000-0000-0000-000000000000 /data ext4 defaults 0 2
                UUID=11111111-2222-3333-4444-555555555555 none swap sw 0 0
                proc /proc proc defaults 0 0
                /srv/exports /export none bind 0 0
                """);
        var rescue = new InMemoryFileSystem().File("/etc/fstab", $"UUID={RootUuid} / ext4 defaults 0 1\n").Directory("/bin");
        var volumes = new MountableVolume[]
        {
            new("p3", "/dev/sda3", null, new InMemoryFileSystem(label: "home").File("/alice/.profile", "x")),
            new("a-rescue", "/dev/sdb1", null, rescue),
            new("p1", "/dev/sda1", null, esp),
            new("vg0/var-log", "/dev/vg0/var-log", null, new InMemoryFileSystem().File("/syslog", "log")),
            new("p4", "/dev/sda4", "6F1E2D3C-0000-4000-8000-000000000001", new InMemoryFileSystem().File("/www/index.html", "hi")),
            new("p2", "/dev/sda2", null, root),
        };

        var assembly = await FileTreeAssembler.AssembleAsync(volumes, CancellationToken.None);

        Assert.Equal("p2", assembly!.Root.Name);
        Assert.Equal(
            [("/boot/efi", "p1"), ("/home", "p3"), ("/var/log", "vg0/var-log"), ("/srv", "p4")],
            assembly.Mounts.Select(m => (m.MountPoint, m.Volume.Name)));
        var issue = Assert.Single(assembly.Issues);
        Assert.Equal("fstab names /data on UUID=deadbeef-0000-0000-0000-000000000000 which is not on the disks read", issue.Message);
        Assert.NotNull(await assembly.Tree.StatAsync("/boot/efi/EFI/BOOT/BOOTX64.EFI"));
        Assert.NotNull(await assembly.Tree.StatAsync("/home/alice/.profile"));
        Assert.NotNull(await assembly.Tree.StatAsync("/var/log/syslog"));
        Assert.NotNull(await assembly.Tree.StatAsync("/srv/www/index.html"));
    }

    [Fact]
    public async Task Without_a_self_naming_root_the_first_candidate_by_name_wins()
    {
        MountableVolume Candidate(string name) =>
            new(name, null, null, new InMemoryFileSystem().File("/etc/fstab", "# empty\n").Directory("/usr/bin"));

        var assembly = await FileTreeAssembler.AssembleAsync([Candidate("zeta"), Candidate("alpha"), Candidate("mid")], CancellationToken.None);

        Assert.Equal("alpha", assembly!.Root.Name);
        Assert.Empty(assembly.Issues);
    }

    [Fact]
    public async Task On_several_disks_the_root_comes_from_the_root_disk_and_mounts_from_any()
    {
        // The data disk sorts first by name and names itself as root: only the root disk may give the root.
        var dataUuid = "5e1f0c0a-4d5a-4b7e-9a71-0d1a7a5e5e01";
        var root = new InMemoryFileSystem(uuid: RootUuid).File("/etc/os-release", "ID=debian\n")
            .File("/etc/fstab", $"UUID={RootUuid} / ext4 defaults 0 1\nUUID={dataUuid} /data ext4 defaults 0 2\n");
        var copiedSystem = new InMemoryFileSystem(uuid: dataUuid).File("/etc/fstab", $"UUID={dataUuid} / ext4 defaults 0 1\n").Directory("/usr/bin");

        var assembly = await FileTreeAssembler.AssembleAsync(
            [new MountableVolume("root", null, null, root)], [new MountableVolume("a-data:disk", "/dev/sdf", null, copiedSystem)], CancellationToken.None);

        Assert.Equal("root", assembly!.Root.Name);
        Assert.Equal([("/data", "a-data:disk")], assembly.Mounts.Select(m => (m.MountPoint, m.Volume.Name)));
        Assert.Empty(assembly.Issues);
        Assert.NotNull(await assembly.Tree.StatAsync("/data/usr/bin"));
    }

    [Fact]
    public async Task Without_any_operating_system_there_is_no_root()
    {
        var assembly = await FileTreeAssembler.AssembleAsync(
            [new MountableVolume("p2", null, null, new InMemoryFileSystem().File("/etc/fstab", "")), new MountableVolume("p1", null, null, new InMemoryFileSystem())],
            CancellationToken.None);

        Assert.Null(assembly);
    }

    [Fact]
    public async Task A_volume_with_an_operating_system_but_no_fstab_beats_a_volume_with_neither()
    {
        // An EFI partition sorts first by name; the OS volume has no fstab (minimal and container images).
        var assembly = await FileTreeAssembler.AssembleAsync(
            [new MountableVolume("p1", null, null, new InMemoryFileSystem().File("/EFI/BOOT/BOOTX64.EFI", "x")),
             new MountableVolume("p2", null, null, new InMemoryFileSystem().File("/etc/os-release", "ID=debian\n").Directory("/usr/bin"))],
            CancellationToken.None);

        Assert.Equal("p2", assembly!.Root.Name);
        Assert.Empty(assembly.Mounts);
    }

    [Fact]
    public async Task A_volume_with_an_fstab_beats_one_without()
    {
        var assembly = await FileTreeAssembler.AssembleAsync(
            [new MountableVolume("a", null, null, new InMemoryFileSystem().Directory("/usr/bin")),
             new MountableVolume("b", null, null, new InMemoryFileSystem().File("/etc/fstab", "# none\n").Directory("/usr/bin"))],
            CancellationToken.None);

        Assert.Equal("b", assembly!.Root.Name);
    }

    [Theory]
    [InlineData("/dev/mapper/vg0-root", "/dev/vg0/root")]
    [InlineData("/dev/mapper/my--vg-my--lv", "/dev/my-vg/my-lv")]
    [InlineData("/dev/mapper/luks-1234", "/dev/luks/1234")]
    [InlineData("/dev/mapper/nodash", "/dev/mapper/nodash")]
    [InlineData("/dev/sda1", "/dev/sda1")]
    [InlineData("/dev/vda2", "/dev/sda2")]
    [InlineData("/dev/xvda1", "/dev/sda1")]
    [InlineData("/dev/nvme0n1p15", "/dev/sda15")]
    [InlineData("/dev/nvme0n1", "/dev/sda")]
    [InlineData("/dev/mmcblk0p1", "/dev/sda1")]
    [InlineData("/dev/sdb1", "/dev/sdb1")]
    [InlineData("/dev/xvdf", "/dev/sdf")]
    [InlineData("/dev/xvdf1", "/dev/sdf1")]
    [InlineData("/dev/vdc2", "/dev/sdc2")]
    [InlineData("/dev/sdf", "/dev/sdf")]
    [InlineData("/dev/xvdaa", "/dev/xvdaa")]
    [InlineData("/dev/nvme1n1p1", "/dev/nvme1n1p1")]
    public void Device_names_map_to_one_canonical_name(string mapper, string expected) =>
        Assert.Equal(expected, FstabSpecMatcher.CanonicalDevice(mapper));
}

using Snapsight.Disk.FileSystems;

namespace Snapsight.Disk.Tests.FileSystems.FileTree;

/// <summary>fstab files as real installers write them.</summary>
public sealed class FstabTests
{
    /// <summary>What the Debian 12 installer writes on an EFI system with a separate /home and swap.</summary>
    private const string Debian = """
        # /etc/fstab: static file system information.
        #
        # Use 'blkid' to print the universally unique identifier for a
        # device; this may be used with UUID= as a more robust way to name devices
        # that works even if disks are added and removed. See fstab(5).
        #
        # systemd generates mount units based on this file, see systemd.mount(5).
        # Please run 'systemctl daemon-reload' after making changes here.
        #
        # <file system> <mount point>   <type>  <options>       <dump>  <pass>
        # / was on /dev/sda2 during installation
        UUID=0b4c7e3a-7d1f-4a55-9d4f-2f1d6c2a9e11 /               ext4    errors=remount-ro 0       1
        # /boot/efi was on /dev/sda1 during installation
        UUID=8C3A-1F2B  /boot/efi       vfat    umask=0077      0       1
        # /home was on /dev/sda3 during installation
        UUID=5e1c2d3b-aaaa-4bbb-8ccc-123456789abc /home           ext4    defaults        0       2
        # swap was on /dev/sda4 during installation
        UUID=11111111-2222-3333-4444-555555555555 none            swap    sw              0       0
        /dev/sr0        /media/cdrom0   udf,iso9660 user,noauto     0       0
        """;

    /// <summary>RHEL/Rocky 9 with LVM, as anaconda writes it (mapper names with escaped dashes).</summary>
    private const string Rhel = """

        #
        # /etc/fstab
        # Created by anaconda on Tue Mar  5 10:11:12 2024
        #
        # Accessible filesystems, by reference, are maintained under '/dev/disk/'.
        # See man pages fstab(5), findfs(8), mount(8) and/or blkid(8) for more info.
        #
        /dev/mapper/rl-root     /                       xfs     defaults        0 0
        UUID=3f0b8d2c-1111-4e5e-9a9a-0c0c0c0c0c0c /boot                   xfs     defaults        0 0
        UUID=7A1B-2C3D          /boot/efi               vfat    umask=0077,shortname=winnt 0 2
        /dev/mapper/rl-var--log /var/log                xfs     defaults        0 0
        /dev/mapper/rl-swap     none                    swap    defaults        0 0
        tmpfs	/tmp	tmpfs	defaults,nosuid	0 0
        """;

    [Fact]
    public void Debian_fstab_yields_every_mount_line_with_its_fields()
    {
        var entries = Fstab.Parse(Debian);

        Assert.Equal(5, entries.Count);
        Assert.Equal(new FstabEntry("UUID=0b4c7e3a-7d1f-4a55-9d4f-2f1d6c2a9e11", "/", "ext4", "errors=remount-ro"), entries[0]);
        Assert.Equal(new FstabEntry("UUID=8C3A-1F2B", "/boot/efi", "vfat", "umask=0077"), entries[1]);
        Assert.Equal("swap", entries[3].Type);
        Assert.Equal(new FstabEntry("/dev/sr0", "/media/cdrom0", "udf,iso9660", "user,noauto"), entries[4]);
    }

    [Fact]
    public void Rhel_fstab_with_mapper_names_and_tabs_is_read()
    {
        var entries = Fstab.Parse(Rhel);

        Assert.Equal(["/", "/boot", "/boot/efi", "/var/log", "none", "/tmp"], entries.Select(e => e.MountPoint));
        Assert.Equal("/dev/mapper/rl-var--log", entries[3].Spec);
        Assert.Equal("defaults,nosuid", entries[5].Options);
    }

    [Fact]
    public void Octal_escapes_stand_for_spaces_tabs_and_backslashes()
    {
        var entries = Fstab.Parse("LABEL=My\\040Data /srv/my\\040data\\011x ext4 defaults 0 2\n/dev/sdb1 /a\\134b vfat ro\n");

        Assert.Equal("LABEL=My Data", entries[0].Spec);
        Assert.Equal("/srv/my data\tx", entries[0].MountPoint);
        Assert.Equal("/a\\b", entries[1].MountPoint);
    }

    [Fact]
    public void Lines_without_a_type_default_options_and_overlong_lines_are_handled()
    {
        var overlong = "/dev/sdz1 /" + new string('x', 5000) + " ext4 defaults\n";
        var entries = Fstab.Parse("/dev/sda1 /only-two\n" + overlong + "/dev/sda2 /data ext4\n");

        Assert.Equal([new FstabEntry("/dev/sda2", "/data", "ext4", "defaults")], entries);
    }

    [Fact]
    public void At_most_ten_thousand_entries_are_returned()
    {
        var text = string.Concat(Enumerable.Range(0, 12_000).Select(i => $"/dev/sd{i} /m{i} ext4 defaults 0 0\n"));

        Assert.Equal(Fstab.MaxEntries, Fstab.Parse(text).Count);
    }
}

using Snapsight.Compliance.Oval.Probes.Mounts;
using Snapsight.Compliance.Tests.OvalProbes.Support;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Compliance.Tests.OvalProbes;

/// <summary>
/// partition reads /etc/fstab where OpenSCAP reads /proc/mounts, so the options must read as the
/// kernel shows them after mount(8) has taken its own. The oracle is the real thing: each
/// option string is mounted (a tmpfs, as root) by util-linux's mount and read back from
/// /proc/self/mounts.
/// </summary>
public sealed class PartitionProbeTests : IDisposable
{
    private readonly ProbeTree _tree = new();

    public static TheoryData<string> OptionStrings => new(
        "defaults",
        "defaults,nodev,nosuid,noexec",
        "rw,nosuid,nodev,relatime",
        "ro,noatime",
        "user",
        "defaults,user,exec",
        "users,suid",
        "owner",
        "nodev,strictatime,sync",
        "nofail,x-systemd.device-timeout=5,noauto,nodiratime",
        "dirsync,lazytime,nodev",
        "defaults,noexec,exec,nosuid,suid");

    [Theory]
    [MemberData(nameof(OptionStrings))]
    public void Options_read_as_util_linux_mounts_them(string options)
    {
        using var mountPoint = new TempDirectory();
        Tool.Run("mount", "-t", "tmpfs", "-o", options, "oval-probe-test", mountPoint.Path);
        string shown;
        try
        {
            shown = File.ReadAllLines("/proc/self/mounts").Select(l => l.Split(' ')).Single(f => f[1] == mountPoint.Path)[3];
        }
        finally
        {
            Tool.Run("umount", mountPoint.Path);
        }

        // tmpfs adds its own options (inode64, size=…) that an fstab line would not hold.
        var kernel = shown.Split(',').Where(o => !o.StartsWith("inode", StringComparison.Ordinal) && !o.Contains('=', StringComparison.Ordinal));
        Assert.Equal(kernel, MountOptions.AsMounted(options));
    }

    [Fact]
    public async Task Fstab_lines_become_items_as_boot_would_mount_them()
    {
        _tree.File("/etc/fstab", """
            # <file system> <mount point> <type> <options> <dump> <pass>
            UUID=0f6d1f6e-2a42-4c1b-8f0e-3a6f2b1c9d01 / ext4 errors=remount-ro 0 1
            LABEL=home /home ext4 defaults,nodev 0 2
            /dev/sdb1 /mnt/usb vfat noauto,user 0 0
            /swapfile none swap sw 0 0
            tmpfs /tmp tmpfs nosuid,nodev,noexec 0 0
            """);
        var collected = await _tree.CollectAsync(new ObjectSpec("oval:m:obj:1", "partition", "linux", [new("mount_point", ".*", "pattern match")]));

        Assert.Equal(["/", "/home", "/tmp"], collected.Items.Select(i => i.Values("mount_point")[0]));
        Assert.Equal(["rw", "relatime", "errors=remount-ro"], collected.Items[0].Values("mount_options"));
        Assert.Equal(["0f6d1f6e-2a42-4c1b-8f0e-3a6f2b1c9d01"], collected.Items[0].Values("uuid"));
        Assert.Equal(["rw", "nosuid", "nodev", "noexec", "relatime"], collected.Items[2].Values("mount_options"));
        Assert.Equal(["LABEL=home"], collected.Items[1].Values("device"));
    }

    public void Dispose() => _tree.Dispose();
}

using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Systemd;

namespace Snapsight.Disk.Tests.FileSystems.Systemd;

/// <summary>
/// Which mount units the tree assembly takes, and what it refuses on a hostile image. Real unit
/// files enabled by systemctl itself are in Snapsight.Scanning.Tests (MountUnitScanTests).
/// </summary>
public sealed class SystemdMountUnitsTests
{
    private const string Etc = "/etc/systemd/system";

    [Fact]
    public async Task Enabled_units_from_any_unit_directory_are_read_and_masked_or_missing_ones_are_not()
    {
        var root = new InMemoryFileSystem()
            .File("/usr/lib/systemd/system/srv-a.mount", Unit("LABEL=a", "/srv/a"))
            .Symlink($"{Etc}/local-fs.target.wants/srv-a.mount", "/usr/lib/systemd/system/srv-a.mount")
            .File($"{Etc}/srv-b.mount", Unit("/dev/xvdf", "/srv/b") + "[Mount]\nOptions=ro\n")
            .Symlink($"{Etc}/remote-fs.target.requires/srv-b.mount", $"{Etc}/srv-b.mount")
            .Symlink($"{Etc}/srv-masked.mount", "/dev/null")
            .File("/usr/lib/systemd/system/srv-masked.mount", Unit("LABEL=m", "/srv/masked"))
            .Symlink($"{Etc}/local-fs.target.wants/srv-masked.mount", "/usr/lib/systemd/system/srv-masked.mount")
            .Symlink($"{Etc}/local-fs.target.wants/srv-gone.mount", "/usr/lib/systemd/system/srv-gone.mount")
            .File($"{Etc}/srv-idle.mount", Unit("LABEL=i", "/srv/idle"));
        var issues = new List<TreeIssue>();

        var entries = await SystemdMountUnits.ReadAsync(root.Tree(), issues);

        Assert.Equal([new FstabEntry("LABEL=a", "/srv/a", "ext4", "defaults"), new FstabEntry("/dev/xvdf", "/srv/b", "ext4", "ro")], entries);
        var issue = Assert.Single(issues);
        Assert.Contains("srv-gone.mount is enabled but no unit directory holds it", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_are_matched_by_name_without_reading_their_nodes()
    {
        var memory = new InMemoryFileSystem()
            .File($"{Etc}/srv-a.mount", Unit("LABEL=a", "/srv/a"))
            .Symlink($"{Etc}/local-fs.target.wants/srv-a.mount", $"{Etc}/srv-a.mount")
            .Symlink($"{Etc}/multi-user.target.wants/ssh.service", "/lib/systemd/system/ssh.service")
            .Symlink($"{Etc}/timers.target.wants/apt-daily.timer", "/lib/systemd/system/apt-daily.timer");

        var entries = await SystemdMountUnits.ReadAsync(memory.Tree(), []);

        Assert.Equal([new FstabEntry("LABEL=a", "/srv/a", "ext4", "defaults")], entries);
        Assert.Contains($"{Etc}/local-fs.target.wants", memory.NodesRead);
        Assert.DoesNotContain(memory.NodesRead, path => path.Contains(".wants/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_unit_without_what_or_whose_name_is_not_its_where_mounts_nothing_and_says_why()
    {
        var root = new InMemoryFileSystem()
            .File($"{Etc}/srv-x.mount", "[Mount]\nWhere=/srv/x\n")
            .Symlink($"{Etc}/a.target.wants/srv-x.mount", $"{Etc}/srv-x.mount")
            .File($"{Etc}/data.mount", Unit("LABEL=d", "/srv/data"))
            .Symlink($"{Etc}/a.target.wants/data.mount", $"{Etc}/data.mount");
        var issues = new List<TreeIssue>();

        Assert.Empty(await SystemdMountUnits.ReadAsync(root.Tree(), issues));
        Assert.Equal(
            ["mount unit data.mount has Where=/srv/data, which its name does not match; systemd refuses it",
             "mount unit srv-x.mount has no What= or no absolute Where=; systemd mounts nothing"],
            issues.Select(i => i.Message));
    }

    [Fact]
    public async Task An_oversized_unit_or_a_flood_of_links_is_an_issue_not_a_crash()
    {
        var flood = new InMemoryFileSystem()
            .File($"{Etc}/srv-big.mount", Unit("LABEL=b", "/srv/big") + new string('#', SystemdMountUnits.MaxUnitBytes))
            .Symlink($"{Etc}/a.target.wants/srv-big.mount", $"{Etc}/srv-big.mount");
        for (var i = 0; i <= SystemdMountUnits.MaxLinks; i++)
        {
            flood.Directory($"{Etc}/u{i}.target.wants");
        }

        var issues = new List<TreeIssue>();
        Assert.Empty(await SystemdMountUnits.ReadAsync(flood.Tree(), issues));
        Assert.Contains("more than 10000 entries", Assert.Single(issues).Message, StringComparison.Ordinal);

        var big = new InMemoryFileSystem()
            .File($"{Etc}/srv-big.mount", Unit("LABEL=b", "/srv/big") + new string('#', SystemdMountUnits.MaxUnitBytes))
            .Symlink($"{Etc}/a.target.wants/srv-big.mount", $"{Etc}/srv-big.mount");
        issues.Clear();
        Assert.Empty(await SystemdMountUnits.ReadAsync(big.Tree(), issues));
        Assert.Contains("more than 65536; not read", Assert.Single(issues).Message, StringComparison.Ordinal);
    }

    private static string Unit(string what, string where) => $"[Mount]\nWhat={what}\nWhere={where}\nType=ext4\n";
}

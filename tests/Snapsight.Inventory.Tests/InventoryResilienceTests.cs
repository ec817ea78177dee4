using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.HostDirectory;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Inventory.Tests;

/// <summary>What goes wrong in one place must be a gap there, and must not hide what is readable elsewhere.</summary>
public sealed class InventoryResilienceTests
{
    [Fact]
    public async Task A_broken_rpm_database_does_not_hide_the_live_one_next_to_it()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.File("usr/lib/sysimage/rpm"));
        Directory.CreateDirectory(directory.File("var/lib/rpm"));
        var junk = new byte[8192];
        new Random(5).NextBytes(junk);
        "SQLite format 3\0"u8.CopyTo(junk);
        await File.WriteAllBytesAsync(directory.File("usr/lib/sysimage/rpm/rpmdb.sqlite"), junk);
        File.Copy(SharedData.Path("pkgdb", "rpm", "go-rpmdb", "amazonlinux2023-plain", "rpmdb.sqlite"), directory.File("var/lib/rpm/rpmdb.sqlite"));
        var expected = File.ReadAllLines(SharedData.Path("pkgdb", "rpm", "go-rpmdb", "amazonlinux2023-plain", "expected.rpm-qa.tsv")).Length - 1;

        using var host = new HostDirectoryFileSystem(directory.Path);
        var inventory = await InventoryCollector.CollectAsync(new FileTree(host));

        Assert.Equal(expected, inventory.Packages.Count);
        Assert.All(inventory.Packages, p => Assert.Equal("/var/lib/rpm/rpmdb.sqlite", p.Package.Location));
        Assert.Contains(inventory.Gaps, g => g.Where == "/usr/lib/sysimage/rpm/rpmdb.sqlite");
    }

    [Fact]
    public async Task A_status_file_whose_name_is_not_utf8_is_a_gap_and_the_others_are_read()
    {
        using var directory = new TempDirectory();
        var statusD = directory.File("var/lib/dpkg/status.d");
        Directory.CreateDirectory(statusD);
        const string Paragraph = "Package: {0}\nVersion: 1.0\nArchitecture: amd64\n";
        await File.WriteAllTextAsync(Path.Combine(statusD, "good"), string.Format(System.Globalization.CultureInfo.InvariantCulture, Paragraph, "good"));
        // A name with a byte that is not UTF-8, which .NET cannot name again once decoded.
        Tool.Run("python3", "-c", $"open(b'{statusD}/bad\\xff', 'w').write('''{string.Format(System.Globalization.CultureInfo.InvariantCulture, Paragraph, "bad")}''')");

        using var host = new HostDirectoryFileSystem(directory.Path);
        var inventory = await InventoryCollector.CollectAsync(new FileTree(host));

        Assert.Equal(["good"], inventory.Packages.Select(p => p.Package.Name));
        Assert.Contains(inventory.Gaps, g => g.Reason.Contains("not valid UTF-8", StringComparison.Ordinal));
    }
}

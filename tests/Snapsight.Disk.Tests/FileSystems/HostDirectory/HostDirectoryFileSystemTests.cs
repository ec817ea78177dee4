using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.HostDirectory;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.HostDirectory;

/// <summary>
/// An unpacked root in a host directory is as hostile as a disk: its links must resolve inside
/// it, never on the machine running the scan, and a FIFO where a file is expected must not hang.
/// </summary>
public sealed class HostDirectoryFileSystemTests
{
    [Fact]
    public async Task An_absolute_link_resolves_inside_the_target_not_on_the_host()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.File("etc"));
        File.CreateSymbolicLink(directory.File("etc/os-release"), "/etc/hostname"); // the host has one; the target does not
        File.CreateSymbolicLink(directory.File("etc/escape"), "../../../../../../etc/hostname");
        using var fileSystem = new HostDirectoryFileSystem(directory.Path);
        var tree = new Snapsight.Disk.FileSystems.FileTree(fileSystem);

        Assert.True(File.Exists("/etc/hostname"));
        Assert.Null(await tree.StatAsync("/etc/os-release", followFinalSymlink: true));
        Assert.Null(await tree.StatAsync("/etc/escape", followFinalSymlink: true));
        Assert.Equal("/etc/hostname", await tree.ReadLinkAsync("/etc/os-release"));
    }

    [Fact]
    public async Task Files_directories_and_links_read_back_as_the_host_has_them()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.File("usr/lib"));
        await File.WriteAllTextAsync(directory.File("usr/lib/os-release"), "ID=debian\n");
        Directory.CreateDirectory(directory.File("etc"));
        File.CreateSymbolicLink(directory.File("etc/os-release"), "../usr/lib/os-release");
        using var fileSystem = new HostDirectoryFileSystem(directory.Path);
        var tree = new Snapsight.Disk.FileSystems.FileTree(fileSystem);

        var link = await tree.StatAsync("/etc/os-release");
        Assert.Equal(FileType.Symlink, link!.Node.Type);
        await using var stream = await tree.OpenReadAsync("/etc/os-release");
        Assert.Equal("ID=debian\n", await new StreamReader(stream).ReadToEndAsync());
        var names = new List<string>();
        await foreach (var entry in tree.WalkAsync("/"))
        {
            names.Add($"{entry.Path} {entry.Node.Type.ToContractName()}");
        }

        Assert.Equal(["/etc dir", "/etc/os-release symlink", "/usr dir", "/usr/lib dir", "/usr/lib/os-release file"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Owners_groups_and_link_counts_are_what_stat_reports_for_files_directories_and_links()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.File("etc"));
        await File.WriteAllTextAsync(directory.File("etc/shadow"), "root:*:19000:0:99999:7:::\n");
        Tool.Run("ln", directory.File("etc/shadow"), directory.File("etc/shadow-"));
        File.CreateSymbolicLink(directory.File("etc/link"), "shadow");
        // Owners a test runner would not have by chance (root may give them away; anyone else keeps their own, which stat then reports).
        Tool.Run("chown", "-h", "1234:42", directory.File("etc/shadow"), directory.File("etc/link"));
        using var fileSystem = new HostDirectoryFileSystem(directory.Path);
        var tree = new Snapsight.Disk.FileSystems.FileTree(fileSystem);

        foreach (var path in new[] { "/etc/shadow", "/etc", "/etc/link" })
        {
            var node = (await tree.StatAsync(path))!.Node;
            var expected = Tool.Run("stat", "-c", "%u %g %h", directory.File(path.TrimStart('/'))).Trim();
            Assert.Equal(expected, $"{node.Uid} {node.Gid} {node.LinkCount}");
        }

        Assert.Equal(2, (await tree.StatAsync("/etc/shadow"))!.Node.LinkCount);
    }

    [Fact]
    public void A_fifo_where_a_file_is_expected_reads_as_empty_without_hanging()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.File("var/lib/dpkg"));
        Tool.Run("mkfifo", directory.File("var/lib/dpkg/status"));
        using var fileSystem = new HostDirectoryFileSystem(directory.Path);
        var tree = new Snapsight.Disk.FileSystems.FileTree(fileSystem);

        HostileInput.Run(async ct =>
        {
            await using var stream = await tree.OpenReadAsync("/var/lib/dpkg/status", ct);
            Assert.Equal(-1, stream.ReadByte());
        });
    }
}

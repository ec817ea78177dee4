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

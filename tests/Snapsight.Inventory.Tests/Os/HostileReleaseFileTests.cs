using System.Text;
using Snapsight.Disk.Tests.FileSystems;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Os;

namespace Snapsight.Inventory.Tests.Os;

/// <summary>
/// Release files are attacker-controlled: each bad tree must give a gap naming the file (and,
/// where the rest still tells the OS, an answer), within HostileInput's time and memory bar,
/// and never an exception.
/// </summary>
public sealed class HostileReleaseFileTests
{
    [Fact]
    public void A_10_mib_os_release_is_read_only_to_the_cap_and_said_so()
    {
        var huge = Encoding.UTF8.GetBytes("ID=debian\nVERSION_ID=\"12\"\n" + new string('#', 10 * 1024 * 1024));
        var files = new InMemoryFileSystem().File("/etc/os-release", huge);

        var detection = Detect(files);

        Assert.Equal("debian", detection.Os?.Family); // the head still parses
        Assert.Contains(("/etc/os-release", "is larger than 64 KiB; only its first 64 KiB were read"), detection.Gaps);
    }

    [Fact]
    public void An_os_release_link_loop_is_a_gap_and_usr_lib_still_answers()
    {
        var files = new InMemoryFileSystem()
            .Symlink("/etc/os-release", "/etc/os-release.d")
            .Symlink("/etc/os-release.d", "os-release")
            .File("/usr/lib/os-release", "ID=alpine\nVERSION_ID=3.19.1\n");

        var detection = Detect(files);

        Assert.Equal("/usr/lib/os-release", detection.Os?.Source);
        var gap = Assert.Single(detection.Gaps);
        Assert.Equal("/etc/os-release", gap.Where);
        Assert.Contains("symbolic links", gap.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_climbing_out_of_the_image_stays_inside_it()
    {
        var files = new InMemoryFileSystem()
            .Symlink("/etc/os-release", "../../../../../../usr/lib/os-release")
            .File("/usr/lib/os-release", "ID=fedora\nVERSION_ID=40\n");

        var os = Detect(files).Os;

        Assert.Equal(("fedora", "/etc/os-release"), (os?.Family, os?.Source));
    }

    [Fact]
    public void Nul_bytes_void_their_lines_and_are_reported()
    {
        var files = new InMemoryFileSystem().File("/etc/os-release", "ID=debian\nNAME=\"Deb\0ian\"\n\0\0\0\nVERSION_ID=12\n");

        var detection = Detect(files);

        Assert.Equal(("debian", "debian", "12"), (detection.Os?.Family, detection.Os?.Name, detection.Os?.VersionId));
        Assert.Contains(("/etc/os-release", "2 lines are not KEY=value assignments and were ignored"), detection.Gaps);
    }

    [Fact]
    public void A_directory_where_a_release_file_belongs_is_a_gap()
    {
        var files = new InMemoryFileSystem().Directory("/etc/os-release").File("/etc/alpine-release", "3.19.1\n");

        var detection = Detect(files);

        Assert.Equal("alpine", detection.Os?.Family);
        Assert.Contains(("/etc/os-release", "cannot be read: is a dir, not a regular file"), detection.Gaps);
    }

    [Fact]
    public void Binary_garbage_in_every_release_file_gives_gaps_not_an_answer()
    {
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        var files = new InMemoryFileSystem();
        foreach (var path in ReleaseFiles.OsRelease.Take(1).Concat(ReleaseFiles.DistroSpecific.Select(file => file.Path)))
        {
            files.File(path, garbage);
        }

        var detection = Detect(files);

        Assert.Null(detection.Os);
        Assert.Contains(detection.Gaps, gap => gap.Where == "/etc/os-release");
        Assert.Contains(detection.Gaps, gap => gap.Where == "/etc/debian_version");
    }

    [Fact]
    public void Only_the_declared_paths_are_ever_opened_and_only_their_directories_listed()
    {
        var files = new InMemoryFileSystem()
            .Symlink("/etc/os-release", "../usr/lib/os-release")
            .File("/usr/lib/os-release", "ID=ubuntu\nVERSION_ID=\"22.04\"\n")
            .File("/etc/passwd", "root:x:0:0::/root:/bin/sh\n")
            .File("/home/user/os-release", "ID=decoy\n")
            .File("/var/lib/ubuntu-advantage/status.json", "{\"services\": []}")
            .File("/var/lib/dpkg/status", "Package: decoy\n");

        _ = Detect(files);

        var declared = new HashSet<string>(ReleaseFiles.OsRelease.Concat(ReleaseFiles.DistroSpecific.Select(file => file.Path)).Append(UbuntuEsmStatus.Path));
        var lookedUpIn = declared.Select(path => path[..Math.Max(1, path.LastIndexOf('/'))]).ToHashSet();
        foreach (var opened in files.Opened)
        {
            Assert.True(declared.Contains(opened) || lookedUpIn.Contains(opened) || opened is "/" or "/usr" or "/var" or "/var/lib",
                $"{opened} is not a declared path or a directory on the way to one");
        }
    }

    private static OperatingSystemDetection Detect(InMemoryFileSystem files)
    {
        OperatingSystemDetection? detection = null;
        Assert.Null(HostileInput.Run(async ct => detection = await OperatingSystemDetector.DetectAsync(files.Tree(), ct)));
        return detection!;
    }
}

using Snapsight.Disk.Tests.FileSystems;
using Snapsight.Disk.Tests.Support;
using Snapsight.Disk.Volumes;
using Snapsight.Inventory.Os;

namespace Snapsight.Inventory.Tests.Os;

/// <summary>Detection over whole trees: a real Debian image, the precedence between files, Windows, and hostile trees.</summary>
public sealed class OperatingSystemDetectorTests
{
    private const string Debian12OsRelease = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nID=debian\n";
    private const string UbuntuOsRelease = "NAME=\"Ubuntu\"\nVERSION=\"22.04.4 LTS (Jammy Jellyfish)\"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"22.04\"\nVERSION_CODENAME=jammy\n";

    [Theory]
    [InlineData("root-ext4.img")]
    [InlineData("root-xfs.img")]
    public async Task The_debian_12_image_is_debian_12_bookworm_with_its_point_release(string image)
    {
        using var inspection = await DiskInspector.InspectAsync(DebianImages.Path(image));
        var detection = await OperatingSystemDetector.DetectAsync(inspection.Assembly!.Tree);

        var osRelease = OsReleaseParser.Parse(await File.ReadAllTextAsync(Path.Combine(DebianImages.Path("rootfs"), "usr", "lib", "os-release")));
        var pointRelease = (await File.ReadAllTextAsync(Path.Combine(DebianImages.Path("rootfs"), "etc", "debian_version"))).Trim();
        Assert.Equal(new OperatingSystemInfo("debian", "Debian GNU/Linux", osRelease.Get("VERSION"), "12", "bookworm", "/etc/os-release"), detection.Os);
        Assert.Equal("12 (bookworm)", detection.Os?.Version);
        Assert.Equal(pointRelease, detection.ExactRelease);
        Assert.StartsWith("12.", pointRelease, StringComparison.Ordinal);
        Assert.Equal(["/etc/os-release", "/etc/debian_version"], detection.FilesRead); // /etc/os-release is a link into /usr/lib
        Assert.Empty(detection.Gaps);
        Assert.False(detection.Esm);
    }

    [Fact]
    public async Task Etc_os_release_wins_over_usr_lib_which_is_read_only_when_etc_has_none()
    {
        var both = new InMemoryFileSystem().File("/etc/os-release", "ID=alpine\nVERSION_ID=3.19.1").File("/usr/lib/os-release", "ID=debian");
        var usrOnly = new InMemoryFileSystem().File("/usr/lib/os-release", Debian12OsRelease);

        Assert.Equal("alpine", (await OperatingSystemDetector.DetectAsync(both.Tree())).Os?.Family);
        var fallback = await OperatingSystemDetector.DetectAsync(usrOnly.Tree());
        Assert.Equal("/usr/lib/os-release", fallback.Os?.Source);
        Assert.Equal("bookworm", fallback.Os?.Codename); // from VERSION "12 (bookworm)", there being no VERSION_CODENAME
    }

    [Fact]
    public async Task Debian_codename_comes_from_the_table_when_no_file_names_it()
    {
        var files = new InMemoryFileSystem().File("/etc/os-release", "ID=debian\nVERSION_ID=\"11\"\nNAME=\"Debian GNU/Linux\"");

        Assert.Equal("bullseye", (await OperatingSystemDetector.DetectAsync(files.Tree())).Os?.Codename);
    }

    [Fact]
    public async Task Ubuntu_keeps_debians_debian_version_without_a_contradiction()
    {
        var files = new InMemoryFileSystem()
            .File("/etc/os-release", UbuntuOsRelease)
            .File("/etc/debian_version", "bookworm/sid\n")
            .File("/etc/lsb-release", "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=22.04\nDISTRIB_CODENAME=jammy\n");

        var detection = await OperatingSystemDetector.DetectAsync(files.Tree());

        Assert.Equal(("ubuntu", "22.04", "jammy"), (detection.Os?.Family, detection.Os?.VersionId, detection.Os?.Codename));
        Assert.Null(detection.ExactRelease); // debian_version is Debian's release, not Ubuntu's
        Assert.Empty(detection.Gaps);
    }

    [Fact]
    public async Task A_red_hat_release_beside_an_ubuntu_os_release_is_a_gap_naming_both_files()
    {
        var files = new InMemoryFileSystem()
            .File("/etc/os-release", UbuntuOsRelease)
            .File("/etc/redhat-release", "Red Hat Enterprise Linux release 9.4 (Plow)\n");

        var detection = await OperatingSystemDetector.DetectAsync(files.Tree());

        Assert.Equal("ubuntu", detection.Os?.Family); // os-release still decides …
        var gap = Assert.Single(detection.Gaps); // … but says it may be wrong
        Assert.Equal("/etc/os-release", gap.Where);
        Assert.Contains("/etc/redhat-release (rhel)", gap.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_os_release_files_of_two_lineages_give_no_answer()
    {
        var files = new InMemoryFileSystem()
            .File("/etc/debian_version", "12.5\n")
            .File("/etc/alpine-release", "3.19.1\n");

        var detection = await OperatingSystemDetector.DetectAsync(files.Tree());

        Assert.Null(detection.Os);
        var gap = Assert.Single(detection.Gaps);
        Assert.Contains("/etc/alpine-release (alpine)", gap.Reason, StringComparison.Ordinal);
        Assert.Contains("/etc/debian_version", gap.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CentOS Stream release 8\n", "CentOS Stream", "8")]
    [InlineData("CentOS Linux release 8.5.2111\n", "CentOS Linux", "8")]
    public async Task CentOS_stream_and_centos_linux_are_told_apart_by_name(string centosRelease, string name, string versionId)
    {
        var files = new InMemoryFileSystem().File("/etc/centos-release", centosRelease).Symlink("/etc/redhat-release", "centos-release");

        var detection = await OperatingSystemDetector.DetectAsync(files.Tree());

        Assert.Equal(("centos", name, versionId), (detection.Os?.Family, detection.Os?.Name, detection.Os?.VersionId));
        Assert.Equal("/etc/centos-release", detection.Os?.Source); // the specific file outranks redhat-release
        Assert.Empty(detection.Gaps);
    }

    [Theory]
    [InlineData("Amazon Linux AMI release 2018.03\n", "2018.03")]
    [InlineData("Amazon Linux release 2 (Karoo)\n", "2")]
    [InlineData("Amazon Linux release 2023.4.20240401 (Amazon Linux)\n", "2023")]
    public async Task Amazon_linux_is_told_from_system_release_alone(string systemRelease, string versionId)
    {
        var files = new InMemoryFileSystem().File("/etc/system-release", systemRelease);

        var detection = await OperatingSystemDetector.DetectAsync(files.Tree());

        Assert.Equal(("amzn", versionId), (detection.Os?.Family, detection.Os?.VersionId));
    }

    [Fact]
    public async Task The_centos_point_release_refines_its_os_release()
    {
        var files = new InMemoryFileSystem()
            .File("/etc/os-release", "NAME=\"CentOS Linux\"\nVERSION=\"7 (Core)\"\nID=\"centos\"\nVERSION_ID=\"7\"\n")
            .File("/etc/centos-release", "CentOS Linux release 7.9.2009 (Core)\n");

        Assert.Equal("7.9.2009", (await OperatingSystemDetector.DetectAsync(files.Tree())).ExactRelease);
    }

    [Theory]
    [InlineData("SUSE Linux Enterprise Server 12 (x86_64)\nVERSION = 12\nPATCHLEVEL = 3\n", "/etc/SuSE-release", "sles|SUSE Linux Enterprise Server|12-SP3|12.3")]
    [InlineData("openSUSE 13.2 (x86_64)\nVERSION = 13.2\nCODENAME = Harlequin\n", "/etc/SuSE-release", "opensuse|openSUSE|13.2|13.2")]
    [InlineData("SLE\nVERSION = 15\n", "/etc/SUSE-brand", "sles|SLE|15|15")]
    [InlineData("VMware Photon OS 4.0\nPHOTON_BUILD_NUMBER=ca7c9e933\n", "/etc/photon-release", "photon|VMware Photon OS|4.0|4.0")]
    [InlineData("3.19.1\n", "/etc/alpine-release", "alpine|Alpine Linux|3.19.1|3.19.1")]
    public async Task Suse_photon_and_alpine_files_stand_in_for_os_release(string text, string path, string expected)
    {
        var os = (await OperatingSystemDetector.DetectAsync(new InMemoryFileSystem().File(path, text).Tree())).Os;

        Assert.Equal(expected, $"{os?.Family}|{os?.Name}|{os?.Version}|{os?.VersionId}");
    }

    [Theory]
    [InlineData("/Windows/System32")]
    [InlineData("/WINDOWS/system32")]
    public async Task A_windows_volume_is_named_and_reported_as_not_inventoried(string systemDirectory)
    {
        var files = new InMemoryFileSystem().Directory(systemDirectory);

        var detection = await OperatingSystemDetector.DetectAsync(files.Tree());

        Assert.Equal("windows", detection.Os?.Family);
        Assert.Equal((systemDirectory, "Windows volumes are not inventoried yet (NTFS)"), Assert.Single(detection.Gaps));
    }

    [Fact]
    public async Task An_empty_tree_is_a_gap_saying_the_system_cannot_be_told()
    {
        var detection = await OperatingSystemDetector.DetectAsync(new InMemoryFileSystem().Directory("/etc").Tree());

        Assert.Null(detection.Os);
        Assert.Empty(detection.FilesRead);
        Assert.Contains("cannot be told", Assert.Single(detection.Gaps).Reason, StringComparison.Ordinal);
    }
}

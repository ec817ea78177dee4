using Snapsight.Disk.Tests.FileSystems;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Os;

namespace Snapsight.Inventory.Tests.Os;

/// <summary>
/// /etc/mariner-release, /etc/azurelinux-release and the lsb-release beside them, in the text
/// their release packages write (microsoft/azurelinux SPECS/mariner-release and
/// SPECS/azurelinux-release). The oracle is the real os-release sample of the same release in
/// ../shared/data/pkgdb/os-release: each release file alone must name the system as that
/// os-release names it, and beside it must add its dated release without a contradiction.
/// </summary>
public sealed class MarinerReleaseTests
{
    public static TheoryData<string, string, string> ReleaseFiles => new()
    {
        // sample, path, text written by the release package for the sample's VERSION
        { "mariner-1.0", "/etc/mariner-release", "CBL-Mariner 1.0.20230713\nMARINER_BUILD_NUMBER=0\n" },
        { "mariner-2.0", "/etc/mariner-release", "CBL-Mariner 2.0.20240123\nMARINER_BUILD_NUMBER=a2b4a47\n" },
        { "mariner-2.0", "/etc/lsb-release", "DISTRIB_ID=\"Mariner\"\nDISTRIB_RELEASE=\"2.0.20240123\"\nDISTRIB_CODENAME=Mariner\nDISTRIB_DESCRIPTION=\"Mariner 2.0.20240123\"\n" },
        { "azurelinux-3.0", "/etc/mariner-release", "Azure Linux 3.0.20240624\nMARINER_BUILD_NUMBER=7f2d8ad\n" },
        { "azurelinux-3.0", "/etc/azurelinux-release", "Azure Linux 3.0\nAZURELINUX_BUILD_NUMBER=3.0.20240624\n" },
        { "azurelinux-3.0", "/etc/lsb-release", "DISTRIB_ID=\"azurelinux\"\nDISTRIB_RELEASE=\"3.0.20240624\"\nDISTRIB_CODENAME=AzureLinux\nDISTRIB_DESCRIPTION=\"Microsoft Azure Linux 3.0\"\n" },
    };

    [Theory]
    [MemberData(nameof(ReleaseFiles))]
    public async Task Alone_the_release_file_names_the_system_as_its_os_release_does(string sample, string path, string text)
    {
        var osRelease = (await DetectAsync(new InMemoryFileSystem().File("/etc/os-release", await SampleAsync(sample)))).Os!;

        var detection = await DetectAsync(new InMemoryFileSystem().File(path, text));

        Assert.Equal(path, detection.Os?.Source);
        Assert.Equal((osRelease.Family, osRelease.Version, osRelease.VersionId, osRelease.Codename),
            (detection.Os!.Family, detection.Os.Version, detection.Os.VersionId, detection.Os.Codename));
        Assert.Equal(osRelease.Version, detection.ExactRelease);
        Assert.Empty(detection.Gaps);
    }

    [Theory]
    [MemberData(nameof(ReleaseFiles))]
    public async Task Beside_its_os_release_the_release_file_adds_the_dated_release_and_no_gap(string sample, string path, string text)
    {
        var osReleaseText = await SampleAsync(sample);

        var detection = await DetectAsync(new InMemoryFileSystem().File("/etc/os-release", osReleaseText).File(path, text));

        Assert.Equal("/etc/os-release", detection.Os?.Source);
        Assert.Equal(OsReleaseParser.Parse(osReleaseText).Get("VERSION"), detection.ExactRelease);
        Assert.Contains(path, detection.FilesRead);
        Assert.Empty(detection.Gaps);
    }

    [Fact]
    public async Task A_mariner_release_beside_an_ubuntu_os_release_is_a_contradiction()
    {
        var detection = await DetectAsync(new InMemoryFileSystem()
            .File("/etc/os-release", "ID=ubuntu\nVERSION_ID=\"22.04\"\n")
            .File("/etc/mariner-release", "CBL-Mariner 2.0.20240123\n"));

        Assert.Equal("ubuntu", detection.Os?.Family);
        Assert.Contains(detection.Gaps, g => g.Reason.Contains("/etc/mariner-release (mariner)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("CBL-Mariner\n")]
    [InlineData("CBL-Mariner two\n")]
    [InlineData("Azure Linux 3\n")]
    [InlineData("Fedora 3.0.1\n")]
    public async Task A_mariner_release_without_a_product_and_release_is_a_gap(string text)
    {
        var detection = await DetectAsync(new InMemoryFileSystem().File("/etc/mariner-release", text));

        Assert.Null(detection.Os);
        Assert.Contains(detection.Gaps, g => g.Where == "/etc/mariner-release");
    }

    private static async Task<string> SampleAsync(string sample) =>
        await File.ReadAllTextAsync(SharedData.Path("pkgdb", "os-release", "trivy", sample));

    private static Task<OperatingSystemDetection> DetectAsync(InMemoryFileSystem files) => OperatingSystemDetector.DetectAsync(files.Tree());
}

using Snapsight.Disk.Tests.FileSystems;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Os;

namespace Snapsight.Inventory.Tests.Os;

/// <summary>
/// Every sample under ../shared/data/pkgdb/os-release, placed at the path its distro keeps it
/// and detected through a file tree. Expectations are written out by hand from each file's
/// own text (and the folder name): "family|name|version|versionId|codename|exactRelease",
/// with "-" for none.
/// </summary>
public sealed class ReleaseSampleTests
{
    public static TheoryData<string, string, string> Samples => new()
    {
        // trivy's os-release samples, as /etc/os-release.
        { "trivy/activestate", "/etc/os-release", "activestate|activestate|-|1.0|-|-" },
        { "trivy/alma", "/etc/os-release", "almalinux|AlmaLinux|9.4 (Seafoam Ocelot)|9.4|-|-" },
        { "trivy/alpine", "/etc/os-release", "alpine|Alpine Linux|-|3.15.4|-|-" },
        { "trivy/azurelinux-3.0", "/etc/os-release", "azurelinux|Microsoft Azure Linux|3.0.20240624|3.0|-|-" },
        { "trivy/bottlerocket", "/etc/os-release", "bottlerocket|Bottlerocket|1.34.0 (aws-ecs-2)|1.34.0|-|-" },
        { "trivy/centos", "/etc/os-release", "centos|CentOS Linux|7 (Core)|7|-|-" },
        { "trivy/centos-stream", "/etc/os-release", "centos|CentOS Stream|8|8|-|-" },
        { "trivy/coreos", "/etc/os-release", "coreos|coreos|-|3.15.4|-|-" },
        { "trivy/echo", "/etc/os-release", "echo|echo|-|1|-|-" },
        { "trivy/fedora", "/etc/os-release", "fedora|Fedora Linux|42 (Container Image)|42|-|-" },
        { "trivy/mariner-1.0", "/etc/os-release", "mariner|Common Base Linux Mariner|1.0.20230713|1.0|-|-" },
        { "trivy/mariner-2.0", "/etc/os-release", "mariner|Common Base Linux Mariner|2.0.20240123|2.0|-|-" },
        { "trivy/minimos", "/etc/os-release", "minimos|MinimOS|-|20241031|-|-" },
        { "trivy/no-version", "/etc/os-release", "alpine|Alpine Linux|-|-|-|-" },
        { "trivy/opensuseleap-15.2.1", "/etc/os-release", "opensuse-leap|openSUSE Leap|15.2.1 Beta|15.2.1|-|-" },
        { "trivy/opensuseleap-42.3", "/etc/os-release", "opensuse|openSUSE Leap|42.3|42.3|-|-" },
        { "trivy/opensusetumbleweed", "/etc/os-release", "opensuse-tumbleweed|openSUSE Tumbleweed|-|20220412|-|-" },
        { "trivy/oracle", "/etc/os-release", "ol|Oracle Linux Server|8.10|8.10|-|-" },
        { "trivy/photon", "/etc/os-release", "photon|VMware Photon OS|4.0|4.0|-|-" },
        { "trivy/rhel", "/etc/os-release", "rhel|Red Hat Enterprise Linux|9.4 (Plow)|9.4|-|-" },
        { "trivy/rocky", "/etc/os-release", "rocky|Rocky Linux|9.3 (Blue Onyx)|9.3|-|-" },
        { "trivy/slemicro", "/etc/os-release", "sle-micro|SLE Micro|5.3|5.3|-|-" },
        { "trivy/slemicro-rancher", "/etc/os-release", "sle-micro-rancher|SLE Micro|5.4|5.4|-|-" },
        { "trivy/slemicro6.0", "/etc/os-release", "sl-micro|SL-Micro|6.0|6.0|-|-" },
        { "trivy/sles", "/etc/os-release", "sles|SLES|15-SP3|15.3|-|-" },
        { "trivy/unknown", "/etc/os-release", "unknown|unknown|-|4.3.2|-|-" },

        // Red Hat lineage release files standing in for a missing os-release.
        { "trivy-redhatbase/alma/almalinux-release", "/etc/almalinux-release", "almalinux|AlmaLinux|8.4 (Electric Cheetah)|8.4|-|8.4" },
        { "trivy-redhatbase/centos/centos-release", "/etc/centos-release", "centos|CentOS Linux|7.6.1810 (Core)|7|-|7.6.1810" },
        { "trivy-redhatbase/fedora_29/fedora-release", "/etc/fedora-release", "fedora|Fedora|29 (Twenty Nine)|29|-|29" },
        { "trivy-redhatbase/oracle_7/oracle-release", "/etc/oracle-release", "ol|Oracle Linux Server|7.6|7.6|-|7.6" },
        { "trivy-redhatbase/redhat_6/redhat-release", "/etc/redhat-release", "rhel|Red Hat Linux|6.2 (Zoot)|6.2|-|6.2" },
        { "trivy-redhatbase/rocky/rocky-release", "/etc/rocky-release", "rocky|Rocky Linux|8.4 (Green Obsidian)|8.4|-|8.4" },

        // Debian and Ubuntu without os-release.
        { "trivy-debian/debian_9/etc/debian_version", "/etc/debian_version", "debian|Debian GNU/Linux|9.8|9|stretch|9.8" },
        { "trivy-debian/debian_sid/etc/debian_version", "/etc/debian_version", "debian|Debian GNU/Linux|buster/sid|-|buster|-" },
        { "trivy-ubuntu/lsb-release", "/etc/lsb-release", "ubuntu|Ubuntu|18.04.2 LTS|18.04|bionic|-" },
    };

    /// <summary>Samples that name no OS: each must give no answer and a gap naming the file.</summary>
    public static TheoryData<string, string> Unusable => new()
    {
        { "trivy/no-id", "/etc/os-release" },
        { "trivy-redhatbase/not_redhatbase/empty", "/etc/redhat-release" },
        { "trivy-debian/empty", "/etc/debian_version" },
        { "trivy-ubuntu/invalid", "/etc/lsb-release" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Each_sample_gives_the_release_its_file_states(string sample, string placedAt, string expected)
    {
        var detection = await DetectSampleAsync(sample, placedAt);

        Assert.NotNull(detection.Os);
        var os = detection.Os;
        var actual = string.Join('|', os.Family, os.Name, os.Version ?? "-", os.VersionId ?? "-", os.Codename ?? "-", detection.ExactRelease ?? "-");
        Assert.Equal(expected, actual);
        Assert.Equal(placedAt, os.Source);
        Assert.Equal([placedAt], detection.FilesRead);
        Assert.Empty(detection.Gaps);
    }

    [Theory]
    [MemberData(nameof(Unusable))]
    public async Task A_sample_that_names_no_system_is_a_gap_naming_the_file(string sample, string placedAt)
    {
        var detection = await DetectSampleAsync(sample, placedAt);

        Assert.Null(detection.Os);
        Assert.Contains(detection.Gaps, gap => gap.Where == placedAt || gap.Reason.Contains(placedAt, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("esm_enabled_status.json", true)]
    [InlineData("esm_disabled_status.json", false)]
    public async Task Ubuntu_esm_follows_the_esm_services_in_the_pro_status(string statusFile, bool esm)
    {
        var files = new InMemoryFileSystem()
            .File("/etc/os-release", "ID=ubuntu\nNAME=\"Ubuntu\"\nVERSION_ID=\"16.04\"\nVERSION=\"16.04.7 LTS (Xenial Xerus)\"\nUBUNTU_CODENAME=xenial\n")
            .File(UbuntuEsmStatus.Path, await File.ReadAllBytesAsync(SharedData.Path("pkgdb", "os-release", "trivy-ubuntu", statusFile)));

        var detection = await OperatingSystemDetector.DetectAsync(files.Tree());

        Assert.Equal(esm, detection.Esm);
        Assert.Equal("xenial", detection.Os?.Codename);
        Assert.Contains(UbuntuEsmStatus.Path, detection.FilesRead);
        Assert.Empty(detection.Gaps);
    }

    private static async Task<OperatingSystemDetection> DetectSampleAsync(string sample, string placedAt)
    {
        var bytes = await File.ReadAllBytesAsync(SharedData.Path(["pkgdb", "os-release", .. sample.Split('/')]));
        return await OperatingSystemDetector.DetectAsync(new InMemoryFileSystem().File(placedAt, bytes).Tree());
    }
}

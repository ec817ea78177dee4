using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.HostDirectory;
using Snapsight.Disk.Tests.Support;
using Snapsight.Disk.Volumes;

namespace Snapsight.Inventory.Tests;

/// <summary>
/// Whole disks in, packages out, checked against the package managers' own tools and the
/// expected lists that came with the shared images — never against our own output.
/// </summary>
public sealed class InventoryEndToEndTests
{
    [Theory]
    [InlineData("gpt-disk.qcow2")]
    [InlineData("root-xfs.img")]
    [InlineData(null)] // the unpacked tree itself, as a directory target
    public async Task Debian_packages_equal_what_dpkg_query_lists_field_for_field(string? image)
    {
        var rootfs = DebianImages.Path("rootfs");
        var expected = Tool.Run("dpkg-query", $"--admindir={rootfs}/var/lib/dpkg", "-W",
                "-f", "${Package}\t${Version}\t${Architecture}\t${source:Package}\t${source:Version}\n")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();

        var inventory = await CollectAsync(image is null ? null : DebianImages.Path(image), rootfs);

        Assert.Equal("debian", inventory.Os!.Family);
        Assert.Equal("12", inventory.Os.VersionId);
        Assert.Equal("bookworm", inventory.Os.Codename);
        var ours = inventory.Packages
            .Select(p => $"{p.Package.Name}\t{p.Package.Version}\t{p.Package.Arch}\t{p.Package.SourceName}\t{p.Package.SourceVersion}")
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.Count > 100, $"dpkg-query listed only {expected.Count} packages");
        Assert.Equal(expected, ours);
        Assert.All(inventory.Packages, p =>
        {
            Assert.Equal("/var/lib/dpkg/status", p.Package.Location);
            Assert.StartsWith($"pkg:deb/debian/{Uri.EscapeDataString(p.Package.Name)}@", p.Purl, StringComparison.Ordinal);
            Assert.Contains("distro=debian-12", p.Purl, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Amazon_Linux_2023_rpm_packages_equal_the_rpm_qa_list()
    {
        using var directory = new TempDirectory();
        var image = directory.Gunzip(SharedData.Path("fsimages", "generated", "al2023-gpt-xfs.img.gz"), "al2023.img");
        var expected = File.ReadAllLines(SharedData.Path("pkgdb", "rpm", "go-rpmdb", "amazonlinux2023-plain", "expected.rpm-qa.tsv"))
            .Skip(1).Select(l => l.Split('\t'))
            .Select(f => $"{f[1]}\t{(f[0].Length == 0 ? "0" : f[0])}\t{f[2]}-{f[3]}\t{f[4]}\t{f[5]}")
            .Order(StringComparer.Ordinal).ToList();

        var inventory = await CollectAsync(image, null);

        Assert.Equal("amzn", inventory.Os!.Family);
        Assert.Equal("2023", inventory.Os.VersionId);
        var ours = inventory.Packages
            .Select(p => $"{p.Package.Name}\t{p.Package.Epoch}\t{p.Package.Version}\t{p.Package.Arch}\t{SourceRpm(p.Package)}")
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, ours);
    }

    [Fact]
    public async Task Ubuntu_18_04_packages_equal_the_dpkg_query_list()
    {
        using var directory = new TempDirectory();
        var image = directory.Gunzip(SharedData.Path("fsimages", "generated", "ubuntu1804-gpt-ext4.img.gz"), "ubuntu.img");
        var expected = File.ReadAllLines(SharedData.Path("pkgdb", "dpkg", "trivy", "valid.txtar.expected.dpkg-query.tsv"))
            .Skip(1).Select(l => l.Split('\t'))
            .Select(f => $"{f[0]}\t{f[2]}\t{f[5]}\t{f[3]}\t{f[4]}")
            .Order(StringComparer.Ordinal).ToList();

        var inventory = await CollectAsync(image, null);

        Assert.Equal("ubuntu", inventory.Os!.Family);
        Assert.Equal("18.04", inventory.Os.VersionId);
        Assert.Equal("bionic", inventory.Os.Codename);
        var ours = inventory.Packages
            .Select(p => $"{p.Package.Name}\t{p.Package.Version}\t{p.Package.Arch}\t{p.Package.SourceName}\t{p.Package.SourceVersion}")
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, ours);
    }

    [Fact]
    public async Task The_inventory_of_a_2_GiB_Debian_disk_reads_under_2_MiB()
    {
        using var inspection = await DiskInspector.InspectAsync(DebianImages.Path("root-ext4.img"));
        var inventory = await InventoryCollector.CollectAsync(inspection.Assembly!.Tree);

        Assert.True(inventory.Packages.Count > 100);
        var read = inspection.Container.Statistics.BytesRead;
        Assert.True(read < 2 * 1024 * 1024, $"read {read} bytes");
    }

    /// <summary>The SOURCERPM string rebuilt from what we parsed out of it.</summary>
    private static string SourceRpm(Snapsight.Inventory.Packages.InstalledPackage package) =>
        package.SourceName is null ? "(none)" : $"{package.SourceName}-{package.SourceVersion}.src.rpm";

    private static async Task<InventoryResult> CollectAsync(string? image, string? directory)
    {
        if (image is null)
        {
            using var host = new HostDirectoryFileSystem(directory!);
            return await InventoryCollector.CollectAsync(new FileTree(host));
        }

        using var inspection = await DiskInspector.InspectAsync(image);
        return await InventoryCollector.CollectAsync(inspection.Assembly!.Tree);
    }
}

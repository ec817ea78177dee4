using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.HostDirectory;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Kernels;

namespace Snapsight.Inventory.Tests.Kernels;

/// <summary>
/// Each fixture tree is inventoried whole. The boot default must be the release the case's
/// documented rule gives (cases.tsv, written by the fixture script from how it built the case:
/// grub.cfg from Debian's real 10_linux, grubenv from grub-editenv); the kernel packages and
/// their versions must be what dpkg-query or rpm list, and a kernel package must be exactly a
/// package that ships a kernel image (dpkg-deb -c, rpm -ql).
/// </summary>
public sealed class BootFixtureTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, expected) in BootFixtures.Cases())
        {
            data.Add(name, expected);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_boot_default_is_what_the_boot_loaders_rule_gives(string caseName, string expected)
    {
        var inventory = await InventoryAsync(caseName);

        var chosen = inventory.Kernels.Where(k => k.IsBootDefault).Select(k => k.Release);
        Assert.Equal(expected == "-" ? [] : [expected], chosen);
        Assert.DoesNotContain(inventory.Gaps, g => g.Reason.StartsWith("boot loader default cannot be told", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Debian_kernels_are_the_packages_that_ship_an_image_with_the_versions_dpkg_query_lists()
    {
        var root = BootFixtures.Root("debian-default-0");
        var inventory = await InventoryAsync("debian-default-0");

        // dpkg-query's listing of linux-image-*; of those, the kernels are the packages whose .deb ships /boot/vmlinuz-*.
        var listed = Tool.Run("dpkg-query", $"--admindir={root}/var/lib/dpkg", "-W", "-f", "${Package}\t${Version}\n", "linux-image-*")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToDictionary(f => f[0], f => f[1]);
        foreach (var files in Directory.EnumerateFiles(Path.Combine(BootFixtures.Folder, "debs"), "*.files"))
        {
            var package = Path.GetFileNameWithoutExtension(files);
            var image = File.ReadAllLines(files).SingleOrDefault(f => f.StartsWith("/boot/vmlinuz-", StringComparison.Ordinal));
            var kernel = inventory.Kernels.SingleOrDefault(k => k.Package == package);
            if (image is null)
            {
                Assert.Null(kernel); // the meta package: only a dependency
                continue;
            }

            Assert.NotNull(kernel);
            Assert.Equal(image, kernel.Image);
            Assert.Equal(image["/boot/vmlinuz-".Length..], kernel.Release);
            Assert.Equal(listed[package], kernel.Version);
        }

        Assert.Equal(2, inventory.Kernels.Count);
        Assert.All(inventory.Kernels, k => Assert.Equal(listed[k.Package!], k.Version));
    }

    [Theory]
    [InlineData("rhel-bls-saved")]
    public async Task Rhel_kernels_belong_to_the_kernel_core_package_whose_file_list_holds_the_image(string caseName)
    {
        var root = BootFixtures.Root(caseName);
        var inventory = await InventoryAsync(caseName);

        var rpmdb = Path.Combine(root, "var", "lib", "rpm");
        var owned = Tool.Run("rpm", "--dbpath", rpmdb, "-qa", "--qf", "[%{NAME}\t%{VERSION}-%{RELEASE}\t%{FILENAMES}\n]")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t'))
            .Where(f => f[2].EndsWith("/vmlinuz", StringComparison.Ordinal))
            .Select(f => (Release: f[2].Split('/')[^2], Package: f[0], Version: f[1]))
            .Order().ToList();
        Assert.Equal(2, owned.Count);
        Assert.Equal(owned, inventory.Kernels.Select(k => (k.Release, k.Package!, k.Version!)).Order().ToList());
        Assert.All(inventory.Kernels, k => Assert.Equal($"/boot/vmlinuz-{k.Release}", k.Image));
    }

    [Fact]
    public async Task Alpine_flavoured_images_match_their_module_release_and_package()
    {
        var inventory = await InventoryAsync("alpine-extlinux");

        Assert.Equal(
            [("6.6.14-0-lts", "linux-lts", "6.6.14-r0", "/boot/vmlinuz-lts"), ("6.6.14-0-virt", "linux-virt", "6.6.14-r0", "/boot/vmlinuz-virt")],
            inventory.Kernels.Select(k => (k.Release, k.Package, k.Version, k.Image)));
    }

    [Theory]
    [InlineData("debian-index-2-pow-40", "names no entry of the menu: GRUB boots the first entry")]
    [InlineData("debian-saved-missing", "names no entry of the menu: GRUB boots the first entry")]
    [InlineData("debian-next-entry", "the next boot only takes that entry")]
    [InlineData("debian-default-file", "takes effect only when grub-mkconfig runs")]
    [InlineData("debian-systemd-boot", "cannot be read from a disk")]
    public async Task Fallbacks_and_caveats_are_noted(string caseName, string note)
    {
        var inventory = await InventoryAsync(caseName);

        Assert.Contains(inventory.Gaps, g => g.Reason.Contains(note, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_any_boot_configuration_the_gap_says_why()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.File("boot"));
        Directory.CreateDirectory(directory.File("lib/modules/6.1.0-18-amd64"));
        await File.WriteAllTextAsync(directory.File("boot/vmlinuz-6.1.0-18-amd64"), "x");

        using var host = new HostDirectoryFileSystem(directory.Path);
        var inventory = await InventoryCollector.CollectAsync(new FileTree(host));

        Assert.Equal([new InstalledKernel("6.1.0-18-amd64", null, null, "/boot/vmlinuz-6.1.0-18-amd64", false)], inventory.Kernels);
        Assert.Contains(inventory.Gaps, g => g.Reason == "boot loader default cannot be told: no GRUB, systemd-boot or extlinux configuration was found");
    }

    /// <summary>
    /// The Debian test tree has linux-headers-amd64 installed and no kernel (mmdebstrap builds
    /// it for disks, not for booting): /lib/modules/RELEASE holds only the headers' build and source links.
    /// </summary>
    [Fact]
    public async Task Kernel_headers_alone_are_no_installed_kernel()
    {
        var modules = Directory.GetDirectories(DebianImages.Path("rootfs/lib/modules"));
        Assert.All(modules, m => Assert.Subset(new HashSet<string?> { "build", "source" }, Directory.GetFileSystemEntries(m).Select(Path.GetFileName).ToHashSet()));
        Assert.NotEmpty(modules);

        using var host = new HostDirectoryFileSystem(DebianImages.Path("rootfs"));
        var inventory = await InventoryCollector.CollectAsync(new FileTree(host));

        Assert.Empty(inventory.Kernels);
        Assert.DoesNotContain(inventory.Gaps, g => g.Where == "/boot");
    }

    private static async Task<InventoryResult> InventoryAsync(string caseName)
    {
        using var host = new HostDirectoryFileSystem(BootFixtures.Root(caseName));
        return await InventoryCollector.CollectAsync(new FileTree(host));
    }
}

using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.HostDirectory;
using Snapsight.Disk.Tests.Support;
using Snapsight.Disk.Volumes;
using Snapsight.Inventory.Tests.Languages.Binaries;
using Snapsight.Inventory.Tests.Languages.Java;

namespace Snapsight.Inventory.Tests.Languages;

/// <summary>
/// Every language fixture (each checked against its own ecosystem's tool by its own tests) laid
/// into one root, then made into an ext4 disk by mkfs.ext4 -d. The inventory read from the disk
/// through our ext4 reader must equal the inventory of the same tree read through the kernel
/// (a directory target): same packages, same locations, same gaps.
/// </summary>
public sealed class LanguageDiskEndToEndTests
{
    [Fact]
    public async Task A_disk_holding_every_ecosystem_gives_what_the_kernel_reads_from_the_tree()
    {
        using var work = new TempDirectory();
        var root = work.File("root");
        Directory.CreateDirectory(root);
        CopyInto(LanguageFixtures.Path("python-root"), root);
        CopyInto(JavaFixtures.Tree, root);
        CopyInto(GemDotNetFixtures.Path("root"), root);
        CopyAs(LanguageFixtures.Path("npm-app/app"), Path.Combine(root, "srv/web"));
        CopyAs(BinaryFixtures.Path("go"), Path.Combine(root, "usr/local/lib/go-tools"));
        CopyAs(BinaryFixtures.Path("rust"), Path.Combine(root, "opt/rust"));
        // A release file, so the disk's tree is assembled as an operating system's root.
        Directory.CreateDirectory(Path.Combine(root, "etc"));
        File.Copy(DebianImages.Path("rootfs/usr/lib/os-release"), Path.Combine(root, "etc/os-release"));
        var image = work.File("languages.ext4");
        Tool.Run("mkfs.ext4", "-q", "-F", "-L", "languages", "-d", root, image, "256M");

        using var host = new HostDirectoryFileSystem(root);
        var fromDirectory = await InventoryCollector.CollectAsync(new FileTree(host));
        using var inspection = await DiskInspector.InspectAsync(image);
        var fromDisk = await InventoryCollector.CollectAsync(inspection.Assembly!.Tree);

        Assert.Equal(Rows(fromDirectory), Rows(fromDisk));
        Assert.Equal(fromDirectory.Gaps, fromDisk.Gaps);
        Assert.Superset(
            new HashSet<string> { "python", "npm", "java", "go", "cargo", "gem", "nuget" },
            fromDisk.Packages.Select(p => p.Package.Type).ToHashSet());
    }

    private static List<string> Rows(InventoryResult inventory) =>
        [.. inventory.Packages.Select(p => $"{p.Package.Type} {p.Package.Name} {p.Package.Version} {p.Package.Location} {p.Purl} {p.Package.OwnedBy}")];

    private static void CopyInto(string source, string destination) => Tool.Run("cp", "-a", source + "/.", destination);

    private static void CopyAs(string source, string destination)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        Tool.Run("cp", "-a", source, destination);
    }
}

using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Fat;
using Snapsight.Disk.Tests.FileSystems.Fat;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.FileTree;

using FileTree = Snapsight.Disk.FileSystems.FileTree;

/// <summary>Mounts, with a real mkfs.vfat EFI system partition as the mounted volume.</summary>
public sealed class FileTreeMountTests : IDisposable
{
    private static readonly byte[] Grub = Enumerable.Range(0, 9000).Select(i => (byte)(i * 7)).ToArray();

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<(FatFileSystem Fs, FatTestImage Image)> EspAsync()
    {
        var image = FatTestImage.Build(_temp, 16, 20, new Dictionary<string, byte[]>
        {
            ["EFI/debian/grubx64.efi"] = Grub,
            ["EFI/BOOT/BOOTX64.EFI"] = "shim"u8.ToArray(),
        }, label: "ESP", serial: "8c3a1f2b");
        return (await FatFileSystem.OpenAsync(new MemoryBlockDevice(image.Bytes)), image);
    }

    private static async Task<List<string>> WalkAsync(FileTree tree, string from = "/")
    {
        var paths = new List<string>();
        await foreach (var entry in tree.WalkAsync(from))
        {
            paths.Add(entry.Path);
        }

        return paths;
    }

    [Fact]
    public async Task Fat_volume_mounted_at_boot_efi_is_reached_by_path_listing_walk_and_links()
    {
        var (esp, _) = await EspAsync();
        var tree = new FileTree(new InMemoryFileSystem().Directory("/boot").Symlink("/efi", "/boot/efi/EFI"));
        tree.Mount("/boot/efi", esp);

        var grub = await tree.StatAsync("/boot/efi/EFI/debian/grubx64.efi");
        Assert.Same(esp, grub!.FileSystem);
        Assert.Equal(Grub.Length, grub.Node.Size);
        await using (var stream = await tree.OpenReadAsync("/efi/debian/grubx64.efi"))
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.Equal(Grub, copy.ToArray());
        }

        var boot = new List<TreeEntry>();
        await foreach (var entry in tree.ListAsync("/boot"))
        {
            boot.Add(entry);
        }

        Assert.Equal("/boot/efi", Assert.Single(boot).Path);
        Assert.Same(esp, boot[0].FileSystem);
        Assert.Equal(esp.RootNode, boot[0].Node.Id);
        Assert.Equal("/boot", await tree.ResolveAsync("/boot/efi/.."));
        Assert.Contains("/boot/efi/EFI/BOOT/BOOTX64.EFI", await WalkAsync(tree));
    }

    [Fact]
    public async Task Mount_point_missing_from_the_parent_becomes_a_virtual_directory_and_mounts_nest()
    {
        var (esp, _) = await EspAsync();
        var boot = new InMemoryFileSystem().File("/grub/grub.cfg", "menuentry");
        var tree = new FileTree(new InMemoryFileSystem().File("/etc/hostname", "h"));
        tree.Mount("/boot", boot);
        tree.Mount("/boot/efi", esp);
        tree.Mount("/srv/data/volume", new InMemoryFileSystem().File("/x", "x"));

        Assert.Same(boot, (await tree.StatAsync("/boot/grub/grub.cfg"))!.FileSystem);
        Assert.Same(esp, (await tree.StatAsync("/boot/efi/EFI"))!.FileSystem);
        var srv = await tree.StatAsync("/srv");
        Assert.Equal(("virtual", FileType.Directory), (srv!.FileSystem.Type, srv.Node.Type));
        Assert.NotNull(await tree.StatAsync("/srv/data/volume/x"));

        var walked = await WalkAsync(tree);
        Assert.Contains("/srv/data/volume/x", walked);
        Assert.Contains("/boot/grub/grub.cfg", walked);
        Assert.Contains("/boot/efi/EFI/debian/grubx64.efi", walked);
        Assert.Equal(walked.Count, walked.Distinct().Count());
    }

    [Fact]
    public async Task Concurrent_reads_through_one_tree_each_get_their_own_bytes()
    {
        var files = Enumerable.Range(0, 16).ToDictionary(i => $"dir{i % 4}/file{i}.bin", i => Enumerable.Range(0, 3000 + (i * 517)).Select(b => (byte)(b * i)).ToArray());
        var image = FatTestImage.Build(_temp, 16, 20, files);
        var tree = new FileTree(await FatFileSystem.OpenAsync(new MemoryBlockDevice(image.Bytes)));

        await Parallel.ForEachAsync(Enumerable.Repeat(files, 4).SelectMany(f => f), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (file, ct) =>
        {
            await using var stream = await tree.OpenReadAsync("/" + file.Key, ct);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, ct);
            Assert.Equal(file.Value, copy.ToArray());
        });
    }

    [Fact]
    public async Task Fat_directory_aliasing_its_own_cluster_is_walked_once()
    {
        // A hostile entry LOOP inside EFI names EFI's own first cluster: a cycle on disk.
        var (_, image) = await EspAsync();
        var efiEntry = image.RootEntry("EFI        ");
        var efiCluster = image.FirstCluster(efiEntry);
        var slot = (int)image.ClusterOffset(efiCluster) + (4 * 32); // after ".", "..", "debian", "BOOT"
        "LOOP       "u8.CopyTo(image.Bytes.AsSpan(slot));
        image.Bytes[slot + 11] = 0x10;
        image.SetFirstCluster(slot, efiCluster);
        var tree = new FileTree(await FatFileSystem.OpenAsync(new MemoryBlockDevice(image.Bytes)));

        var walked = await WalkAsync(tree);

        Assert.Contains("/EFI/LOOP", walked);
        Assert.DoesNotContain("/EFI/LOOP/LOOP", walked);
        Assert.Contains(tree.Issues, issue => issue.Path == "/EFI/LOOP" && issue.Message.Contains("already walked", StringComparison.Ordinal));
    }
}

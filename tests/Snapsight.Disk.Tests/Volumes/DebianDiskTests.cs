using System.Security.Cryptography;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.Tests.Support;
using Snapsight.Disk.Volumes;

namespace Snapsight.Disk.Tests.Volumes;

/// <summary>
/// Real Debian 12 disks, built by mmdebstrap, mkfs.ext4/mkfs.xfs, sfdisk and qemu-img, read
/// back through the whole disk layer and checked entry by entry against what the kernel said
/// about the tree they were made from.
/// </summary>
public sealed class DebianDiskTests
{
    public static TheoryData<string, string, string, int> Disks => new()
    {
        // image, expected format, expected root file system, how many files to hash (0 = all)
        { "root-ext4.img", "raw", "ext4", 0 },
        { "root-xfs.img", "raw", "xfs", 0 },
        { "gpt-disk.raw", "raw", "ext4", 500 },
        { "gpt-disk.qcow2", "qcow2", "ext4", 500 },
        { "gpt-disk-sparse.vmdk", "vmdk-monolithicSparse", "ext4", 500 },
        { "gpt-disk-stream.vmdk", "vmdk-streamOptimized", "ext4", 500 },
        { "gpt-disk.vhd", "vhd-dynamic", "ext4", 500 },
        { "gpt-disk.vhdx", "vhdx", "ext4", 500 },
        { "mbr-disk.raw", "raw", "xfs", 500 },
    };

    [Theory]
    [MemberData(nameof(Disks))]
    public async Task Every_entry_of_the_tree_reads_back_as_the_kernel_described_it(string image, string format, string rootType, int hashSample)
    {
        using var inspection = await DiskInspector.InspectAsync(DebianImages.Path(image));
        Assert.Equal(format, inspection.Format);
        var root = Assert.IsType<DiskVolume>(inspection.RootVolume);
        Assert.Equal(rootType, root.FileSystem!.Type);
        Assert.Equal("rootfs", root.FileSystem.Label);

        var tree = inspection.Assembly!.Tree;
        var ours = new Dictionary<string, TreeEntry>(StringComparer.Ordinal);
        await foreach (var entry in tree.WalkAsync("/"))
        {
            Assert.True(ours.TryAdd(entry.Path, entry), $"{entry.Path} listed twice");
        }

        Assert.Empty(tree.Issues);
        var omitted = rootType == "xfs" ? DebianImages.OmittedFromXfs : new HashSet<string>();
        var mountPoints = new HashSet<string>(StringComparer.Ordinal) { "/boot/efi", "/srv/data" };
        var expected = DebianImages.Manifest
            .Where(e => !omitted.Any(o => e.Path == o || e.Path.StartsWith(o + "/", StringComparison.Ordinal)))
            .ToList();
        var mismatches = new List<string>();
        var hashEvery = hashSample == 0 ? 1 : Math.Max(1, expected.Count(e => e.Type == "file") / hashSample);
        var fileIndex = 0;
        foreach (var want in expected)
        {
            if (!ours.TryGetValue(want.Path, out var got))
            {
                mismatches.Add($"{want.Path}: missing");
                continue;
            }

            if (mountPoints.Contains(want.Path))
            {
                continue; // the mounted volume's root stands there now
            }

            var node = got.Node;
            Check(mismatches, want.Path, "type", want.Type, node.Type.ToContractName());
            Check(mismatches, want.Path, "mode", want.Mode, node.OctalPermissions);
            Check(mismatches, want.Path, "uid", want.Uid, node.Uid);
            Check(mismatches, want.Path, "gid", want.Gid, node.Gid);
            if (want.Type is "file" or "symlink")
            {
                Check(mismatches, want.Path, "size", want.Size, node.Size);
            }

            if (want.Type == "symlink")
            {
                Check(mismatches, want.Path, "target", want.Target, await got.FileSystem.ReadLinkAsync(node.Id));
            }

            if (want.Major is { } major)
            {
                Check(mismatches, want.Path, "device", $"{major},{want.Minor}", $"{node.DeviceMajor},{node.DeviceMinor}");
            }

            if (want.Type == "file" && fileIndex++ % hashEvery == 0)
            {
                await using var content = await got.FileSystem.OpenReadAsync(node.Id);
                Check(mismatches, want.Path, "sha256", want.Sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(content)));
            }

            if (mismatches.Count > 20)
            {
                break;
            }
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
        var extra = ours.Keys.Except(expected.Select(e => e.Path)).Where(p => !IsUnderMount(p, mountPoints) && p != "/lost+found").ToList();
        Assert.True(extra.Count == 0, "not in the source tree: " + string.Join(", ", extra.Take(10)));
    }

    [Theory]
    [InlineData("gpt-disk.qcow2")]
    [InlineData("mbr-disk.raw")]
    public async Task The_root_fstab_mounts_the_EFI_and_data_volumes_by_label_and_uuid(string image)
    {
        using var inspection = await DiskInspector.InspectAsync(DebianImages.Path(image));
        var tree = inspection.Assembly!.Tree;

        var expectedOsRelease = await File.ReadAllBytesAsync(DebianImages.Path("rootfs/etc/os-release"));
        Assert.Equal(expectedOsRelease, await ReadAllAsync(tree, "/boot/efi/EFI/debian/os-release.txt"));
        Assert.Equal(expectedOsRelease, await ReadAllAsync(tree, "/etc/os-release"));
        Assert.Equal("served from the data volume\n", System.Text.Encoding.UTF8.GetString(await ReadAllAsync(tree, "/srv/data/www/index.html")));
        Assert.NotNull(await tree.StatAsync("/boot/efi/EFI/debian/A Long File Name.txt"));
    }

    [Fact]
    public async Task Every_partition_and_file_system_is_reported_with_the_ids_the_tools_gave_it()
    {
        using var inspection = await DiskInspector.InspectAsync(DebianImages.Path("mbr-disk.raw"));
        Assert.Equal("mbr", inspection.PartitionTable!.Scheme);
        var byName = inspection.Volumes.ToDictionary(v => v.Name);
        Assert.Equal(["p1", "p5", "p6"], byName.Keys.Order().ToArray());
        Assert.Equal("xfs", byName["p1"].FileSystem!.Type);
        Assert.Equal("3b0f6a52-7a8e-4c61-9d2b-6e0c1f4a8b02", byName["p1"].FileSystem!.Uuid);
        Assert.Equal(2050L * 1024 * 1024, byName["p5"].Offset);
        Assert.Equal("5e1f0c0a-4d5a-4b7e-9a71-0d1a7a5e5e01", byName["p5"].FileSystem!.Uuid);
        Assert.Equal("1A2B-3C4D", byName["p6"].FileSystem!.Uuid);
        Assert.Equal("EFI", byName["p6"].FileSystem!.Label);
    }

    private static bool IsUnderMount(string path, IReadOnlySet<string> mountPoints) =>
        mountPoints.Any(m => path.StartsWith(m + "/", StringComparison.Ordinal));

    private static async Task<byte[]> ReadAllAsync(FileTree tree, string path)
    {
        await using var stream = await tree.OpenReadAsync(path);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static void Check<T>(List<string> mismatches, string path, string what, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            mismatches.Add($"{path}: {what} is {actual}, the tree had {expected}");
        }
    }
}

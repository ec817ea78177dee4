using System.Text;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Fat;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Fat;

/// <summary>Real FAT12/16/32 volumes from mkfs.vfat and mtools, checked against mdir, fls and blkid.</summary>
public sealed class FatFileSystemTests
{
    private static readonly Dictionary<string, string> Utf8 = new() { ["LC_ALL"] = "C.UTF-8", ["MTOOLS_SKIP_CHECK"] = "1" };

    /// <summary>Long, short, lowercase (NT case bits), non-ASCII, nested, empty and multi-cluster files.</summary>
    private static Dictionary<string, byte[]> SampleFiles()
    {
        var big = new byte[70_000];
        new Random(7).NextBytes(big);
        return new()
        {
            ["lower.txt"] = "lowercase 8.3 name\n"u8.ToArray(),
            ["UPPER.TXT"] = "uppercase\n"u8.ToArray(),
            ["A Long File Name with spaces.txt"] = "long\n"u8.ToArray(),
            ["Größe – unicode.txt"] = "unicode\n"u8.ToArray(),
            ["empty"] = [],
            ["EFI/debian/grubx64.efi"] = big,
            ["EFI/BOOT/BOOTX64.EFI"] = Encoding.ASCII.GetBytes(new string('b', 5000)),
            ["deep/er/and/deeper/file.cfg"] = "x=1\n"u8.ToArray(),
        };
    }

    [Theory]
    [InlineData(12, 4, 512)]
    [InlineData(16, 20, 512)]
    [InlineData(32, 40, 512)]
    [InlineData(16, 24, 4096)] // 4 KiB logical sectors, as on some cloud volumes
    public async Task Every_path_mdir_lists_is_found_with_the_bytes_mcopy_put_there(int fatBits, int sizeMiB, int sectorSize)
    {
        using var temp = new TempDirectory();
        var files = SampleFiles();
        var image = FatTestImage.Build(temp, fatBits, sizeMiB, files, sectorsPerCluster: fatBits == 32 || sectorSize == 4096 ? 1 : 0, sectorSize: sectorSize);
        using var device = image.Device();
        var fs = await FatFileSystem.OpenAsync(device);

        Assert.Equal(fatBits switch { 12 => FatVariant.Fat12, 16 => FatVariant.Fat16, _ => FatVariant.Fat32 }, fs.Variant);
        var ours = await ListAllAsync(fs);
        var mdir = Tool.Run("mdir", ["-i", image.Path, "-/", "-b", "::"], null, Utf8)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line["::".Length..].TrimEnd('/'))
            .ToHashSet();
        Assert.Equal(mdir.Order(StringComparer.Ordinal), ours.Keys.Order(StringComparer.Ordinal));

        foreach (var (path, content) in files)
        {
            var (node, type) = ours["/" + path];
            Assert.Equal(FileType.File, type);
            var stat = await fs.GetNodeAsync(node);
            Assert.Equal(content.Length, stat.Size);
            await using var stream = await fs.OpenReadAsync(node);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.Equal(content, copy.ToArray());
        }
    }

    [Fact]
    public async Task Names_agree_with_the_sleuth_kit()
    {
        using var temp = new TempDirectory();
        var image = FatTestImage.Build(temp, 16, 20, SampleFiles());
        using var device = image.Device();
        var fs = await FatFileSystem.OpenAsync(device);

        // fls prints "r/r 5:\tpath"; its virtual entries ($MBR, $FAT1, $OrphanFiles…) and the label are not files.
        var fls = Tool.Run("fls", ["-r", "-p", image.Path], null, Utf8)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.Contains("(Volume Label Entry)", StringComparison.Ordinal) && !line.Contains(":\t$", StringComparison.Ordinal))
            .Select(line => "/" + line[(line.IndexOf('\t') + 1)..])
            .Order(StringComparer.Ordinal);
        Assert.Equal(fls, (await ListAllAsync(fs)).Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(12)]
    [InlineData(32)]
    public async Task Label_and_uuid_are_what_blkid_reports(int fatBits)
    {
        using var temp = new TempDirectory();
        var image = FatTestImage.Build(temp, fatBits, fatBits == 32 ? 40 : 2, new Dictionary<string, byte[]>(), label: "MY ESP", serial: "9a8b7c6d",
            sectorsPerCluster: fatBits == 32 ? 1 : 0);
        using var device = image.Device();
        var fs = await FatFileSystem.OpenAsync(device);

        Assert.Equal("vfat", fs.Type);
        Assert.Equal(Tool.Run("blkid", "-o", "value", "-s", "UUID", image.Path).Trim(), fs.Uuid);
        Assert.Equal(Tool.Run("blkid", "-o", "value", "-s", "LABEL", image.Path).Trim(), fs.Label);
    }

    [Fact]
    public async Task Reading_one_small_file_reads_a_tiny_part_of_the_volume()
    {
        using var temp = new TempDirectory();
        var image = FatTestImage.Build(temp, 32, 40, SampleFiles(), sectorsPerCluster: 1);
        using var device = image.Device();
        var fs = await FatFileSystem.OpenAsync(device);
        IFileSystem tree = fs;
        var efi = await tree.FindEntryAsync(fs.RootNode, "EFI");
        var boot = await tree.FindEntryAsync(efi!.Value.Node, "BOOT");
        var file = await tree.FindEntryAsync(boot!.Value.Node, "BOOTX64.EFI");
        await using var stream = await fs.OpenReadAsync(file!.Value.Node);
        await stream.CopyToAsync(Stream.Null);

        Assert.InRange(device.Statistics.BytesRead, 5000, 64 * 1024);
    }

    [Fact]
    public async Task Nodes_report_the_modes_of_a_default_linux_vfat_mount()
    {
        using var temp = new TempDirectory();
        var image = FatTestImage.Build(temp, 12, 2, SampleFiles());
        Tool.Run("mattrib", "-i", image.Path, "+r", "::/UPPER.TXT");

        // Reload: mattrib changed the image file after it was read.
        using var device = new Snapsight.Disk.BlockDevices.MemoryBlockDevice(File.ReadAllBytes(image.Path));
        var fs = await FatFileSystem.OpenAsync(device);
        var all = await ListAllAsync(fs);

        var root = await fs.GetNodeAsync(fs.RootNode);
        Assert.Equal((FileType.Directory, "0755", 0L, 0L), (root.Type, root.OctalPermissions, root.Uid, root.Gid));
        Assert.Equal("0755", (await fs.GetNodeAsync(all["/lower.txt"].Node)).OctalPermissions);
        Assert.Equal("0555", (await fs.GetNodeAsync(all["/UPPER.TXT"].Node)).OctalPermissions);
        Assert.Equal("0755", (await fs.GetNodeAsync(all["/EFI"].Node)).OctalPermissions);
        Assert.NotNull((await fs.GetNodeAsync(all["/EFI"].Node)).ModifiedAt);
    }

    [Theory]
    [InlineData("efi/boot/bootx64.efi")]
    [InlineData("EFI/debian/GRUBX64.EFI")]
    [InlineData("ALONGF~1.TXT")]
    [InlineData("a long file name WITH SPACES.TXT")]
    public async Task Lookups_ignore_case_and_accept_short_aliases_as_mtools_does(string path)
    {
        using var temp = new TempDirectory();
        var image = FatTestImage.Build(temp, 16, 20, SampleFiles());
        using var device = image.Device();
        IFileSystem fs = await FatFileSystem.OpenAsync(device);

        var node = fs.RootNode;
        foreach (var part in path.Split('/'))
        {
            node = (await fs.FindEntryAsync(node, part))!.Value.Node;
        }

        await using var stream = await fs.OpenReadAsync(node);
        using var ours = new MemoryStream();
        await stream.CopyToAsync(ours);
        Assert.Equal(Tool.RunBytes("mtype", ["-i", image.Path, $"::/{path}"], null, Utf8), ours.ToArray());
    }

    /// <summary>A plain depth-first listing of the whole volume (small test images only).</summary>
    internal static async Task<Dictionary<string, (long Node, FileType Type)>> ListAllAsync(IFileSystem fs)
    {
        var result = new Dictionary<string, (long, FileType)>();
        var pending = new Stack<(string Path, long Node)>([("", fs.RootNode)]);
        while (pending.TryPop(out var directory))
        {
            await foreach (var entry in fs.ReadDirectoryAsync(directory.Node))
            {
                var path = $"{directory.Path}/{entry.Name}";
                result.Add(path, (entry.Node, entry.Type));
                if (entry.Type == FileType.Directory)
                {
                    pending.Push((path, entry.Node));
                }
            }
        }

        return result;
    }
}

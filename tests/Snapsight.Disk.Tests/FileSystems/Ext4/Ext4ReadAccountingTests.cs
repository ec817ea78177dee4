using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Ext4;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Ext4;

/// <summary>
/// "Read as little as possible": opening a 200 MiB volume, looking a path up and reading one
/// small file must touch only the superblock, a descriptor block, a few inode table blocks,
/// the directory blocks on the path and the file's own blocks.
/// </summary>
public sealed class Ext4ReadAccountingTests
{
    private const long Budget = 256 * 1024;

    [Fact]
    public async Task Looking_up_and_reading_one_small_file_reads_under_256_KiB()
    {
        using var temp = new TempDirectory();
        var tree = temp.File("tree");
        Ext4SourceTree.Build(tree, """
            set -e
            mkdir -p var/lib/dpkg/info
            cp -a /etc etc
            for i in $(seq 1 2000); do echo "/usr/share/doc/package$i" > var/lib/dpkg/info/package$i.list; done
            cp /var/lib/dpkg/status var/lib/dpkg/status
            printf 'ID=snapsight-test\n' > etc/small-release
            """);
        var image = temp.File("fs.img");
        Tool.Run("truncate", "-s", "200M", image);
        Tool.Run("mkfs.ext4", "-q", "-F", "-d", tree, image);

        using var device = FileBlockDevice.Open(image);
        using var fs = await Ext4FileSystem.OpenAsync(device);
        var status = await LookupAsync(fs, "var/lib/dpkg/status");
        Assert.Equal(new FileInfo(Path.Combine(tree, "var/lib/dpkg/status")).Length, (await fs.GetNodeAsync(status)).Size);
        Assert.True(device.Statistics.BytesRead < Budget, $"open + lookup of var/lib/dpkg/status read {device.Statistics}");

        var before = device.Statistics.BytesRead;
        var small = await LookupAsync(fs, "etc/small-release");
        await using var stream = await fs.OpenReadAsync(small);
        using var content = new MemoryStream();
        await stream.CopyToAsync(content);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(tree, "etc/small-release")), content.ToArray());
        Assert.True(device.Statistics.BytesRead < Budget, $"open, two lookups and one small read took {device.Statistics} (second part {device.Statistics.BytesRead - before} bytes)");
    }

    [Fact]
    public async Task A_lookup_in_a_hashed_directory_reads_a_few_blocks_not_the_directory()
    {
        using var temp = new TempDirectory();
        var tree = temp.File("tree");
        Ext4SourceTree.Build(tree, """
            set -e
            mkdir -p var/lib/dpkg/info
            for i in $(seq 1 6000); do : > var/lib/dpkg/info/package-with-a-realistic-name$i.list; done
            """);
        var image = temp.File("fs.img");
        Tool.Run("truncate", "-s", "64M", image);
        Tool.Run("mkfs.ext4", "-q", "-F", "-b", "4096", "-d", tree, image);
        Tool.Run("bash", "-c", "e2fsck -fyD \"$1\" >/dev/null 2>&1 || [ $? -le 1 ]", "e2fsck", image);

        using var device = FileBlockDevice.Open(image);
        using var fs = await Ext4FileSystem.OpenAsync(device);
        var info = await LookupAsync(fs, "var/lib/dpkg/info");
        var directorySize = (await fs.GetNodeAsync(info)).Size;
        var before = device.Statistics.BytesRead;
        foreach (var i in new[] { 1, 2345, 6000 })
        {
            Assert.NotNull(await fs.FindEntryAsync(info, $"package-with-a-realistic-name{i}.list"));
        }

        Assert.Null(await fs.FindEntryAsync(info, "not-there.list"));
        var read = device.Statistics.BytesRead - before;
        // Root, at most one index node, and one leaf per lookup: far less than the whole directory.
        Assert.True(read <= 10 * 4096 && read < directorySize / 4, $"four lookups read {read} bytes of a {directorySize}-byte directory");
    }

    private static async Task<long> LookupAsync(IFileSystem fs, string path)
    {
        var node = fs.RootNode;
        foreach (var name in path.Split('/'))
        {
            var entry = await fs.FindEntryAsync(node, name) ?? throw new Xunit.Sdk.XunitException($"{name} of {path} not found");
            node = entry.Node;
        }

        return node;
    }
}

using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Ext4;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Ext4;

/// <summary>
/// Real ext4 images from other projects (go-ext4, DiscUtils) with manifests produced by
/// debugfs rdump (../shared/data/README.md §5): every listed path must match in type, mode,
/// size and sha256 (or symlink target), and we must list nothing else.
/// </summary>
public sealed class Ext4SharedImageTests
{
    private static readonly string Images = SharedData.Path("fsimages");

    [Theory]
    [InlineData("go-ext4/tiny.ext4")]
    [InlineData("go-ext4/hierarchy_32.ext4")]
    [InlineData("go-ext4/jbd2/tiny.ext4")]
    [InlineData("discutils/data.ext4.dat.gz")]
    public async Task Every_manifest_entry_matches(string image)
    {
        var path = Path.Combine(Images, image);
        var bytes = image.EndsWith(".gz", StringComparison.Ordinal) ? Gunzip(path) : await File.ReadAllBytesAsync(path);
        var manifest = Path.Combine(Images, image.EndsWith(".gz", StringComparison.Ordinal) ? image[..^3] : image) + ".expected-files.tsv";

        using var device = new MemoryBlockDevice(bytes);
        using var fs = await Ext4FileSystem.OpenAsync(device);
        var walked = await FileSystemWalk.WalkAsync(fs);

        var expected = File.ReadLines(manifest).Skip(1).Where(l => l.Length > 0).Select(l => l.TrimEnd('\r')).Order(StringComparer.Ordinal).ToList();
        var actual = new List<string>();
        foreach (var entry in walked.Values)
        {
            actual.Add(await DescribeAsync(fs, entry));
        }

        Assert.Equal(expected, actual.Order(StringComparer.Ordinal).ToList());
    }

    private static async Task<string> DescribeAsync(Ext4FileSystem fs, WalkedEntry entry)
    {
        var node = entry.Node;
        var mode = Convert.ToString(node.Permissions, 8);
        return node.Type switch
        {
            FileType.File => $"/{entry.Path}\tfile\t{mode}\t{node.Size}\t{await FileSystemWalk.Sha256Async(fs, node.Id)}",
            FileType.Directory => $"/{entry.Path}\tdir\t{mode}\t-\t-",
            FileType.Symlink => $"/{entry.Path}\tsymlink\t{mode}\t{node.Size}\t{await fs.ReadLinkAsync(node.Id)}",
            _ => $"/{entry.Path}\t{node.Type.ToContractName()}\t{mode}\t{node.Size}\t-",
        };
    }

    [Fact]
    public async Task The_ubuntu_root_partition_matches_its_expected_json()
    {
        // generated/ubuntu1804-gpt-ext4: a GPT disk whose p1 is an ext4 root; the partition's place
        // comes from the JSON (partition tables are another layer's job).
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Images, "generated/ubuntu1804-gpt-ext4.expected.json")));
        var partition = json.RootElement.GetProperty("partitions").EnumerateArray().Single(p => p.GetProperty("number").GetInt32() == 1);
        var start = partition.GetProperty("start_lba").GetInt64() * 512;
        var length = (partition.GetProperty("end_lba").GetInt64() + 1) * 512 - start;

        using var disk = new MemoryBlockDevice(Gunzip(Path.Combine(Images, "generated/ubuntu1804-gpt-ext4.img.gz")));
        using var device = new SliceBlockDevice(disk, start, length);
        var head = new byte[2048];
        await device.ReadExactlyAsync(0, head, "test", "head");
        Assert.True(Ext4FileSystem.Probe(head));
        using var fs = await Ext4FileSystem.OpenAsync(device);
        Assert.Equal(partition.GetProperty("fs_uuid").GetString(), fs.Uuid);
        Assert.Equal(partition.GetProperty("fs_label").GetString(), fs.Label);

        var walked = await FileSystemWalk.WalkAsync(fs);
        foreach (var file in json.RootElement.GetProperty("files").EnumerateArray())
        {
            var path = file.GetProperty("path").GetString()!.TrimStart('/');
            Assert.True(walked.TryGetValue(path, out var entry), $"{path} is missing");
            Assert.Equal(file.GetProperty("type").GetString(), entry.Node.Type.ToContractName());
            if (file.TryGetProperty("mode", out var mode))
            {
                Assert.Equal(mode.GetString(), "0o" + Convert.ToString(entry.Node.Permissions, 8));
            }

            if (file.TryGetProperty("sha256", out var sha))
            {
                Assert.Equal(file.GetProperty("size").GetInt64(), entry.Node.Size);
                Assert.Equal(sha.GetString(), await FileSystemWalk.Sha256Async(fs, entry.Node.Id));
            }

            if (file.TryGetProperty("target", out var target))
            {
                Assert.Equal(target.GetString(), await fs.ReadLinkAsync(entry.Node.Id));
            }
        }

        Assert.Empty(fs.Warnings);
    }

    private static byte[] Gunzip(string path)
    {
        using var input = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    [Fact]
    public async Task Finding_a_name_and_hashing_its_bytes_reproduces_the_manifest()
    {
        // A guard that the manifest's sha256 column is what we think: recompute one with .NET directly.
        var bytes = await File.ReadAllBytesAsync(Path.Combine(Images, "go-ext4/tiny.ext4"));
        using var device = new MemoryBlockDevice(bytes);
        using var fs = await Ext4FileSystem.OpenAsync(device);
        var entry = await ((IFileSystem)fs).FindEntryAsync(fs.RootNode, "thejungle.txt");
        Assert.NotNull(entry);
        await using var stream = await fs.OpenReadAsync(entry.Value.Node);
        Assert.Equal("a6f532cdd131642560ef7c299c7f75f8206f03cdace072358c9dd65bc8a9b652", Convert.ToHexStringLower(await SHA256.HashDataAsync(stream)));
    }
}

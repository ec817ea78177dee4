using System.IO.Compression;
using System.Security.Cryptography;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Ext4;

namespace Snapsight.Disk.Tests.FileSystems.Ext4;

/// <summary>
/// Real ext4 images from other projects (go-ext4, DiscUtils) with manifests produced by
/// debugfs rdump (../shared/data/README.md §5): every listed path must match in type, mode,
/// size and sha256 (or symlink target), and we must list nothing else.
/// </summary>
public sealed class Ext4SharedImageTests
{
    private const string Images = "/work/shared/data/fsimages";

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

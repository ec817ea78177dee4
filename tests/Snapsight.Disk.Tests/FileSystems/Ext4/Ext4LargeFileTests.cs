using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems.Ext4;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Ext4;

/// <summary>A sparse file above 4 GiB needs i_size_high; its far bytes must come back where the source has them.</summary>
public sealed class Ext4LargeFileTests
{
    [Fact]
    public async Task A_sparse_five_gib_file_has_its_full_size_and_its_far_bytes()
    {
        using var temp = new TempDirectory();
        var tree = temp.File("tree");
        Ext4SourceTree.Build(tree, """
            set -e
            truncate -s 5G huge
            printf 'beyond four gib' | dd of=huge bs=1 seek=4831838208 conv=notrunc status=none
            printf 'the end' | dd of=huge bs=1 seek=5368709113 conv=notrunc status=none
            """);
        var image = temp.File("fs.img");
        Tool.Run("truncate", "-s", "32M", image);
        Tool.Run("mkfs.ext4", "-q", "-F", "-b", "4096", "-O", "64bit,huge_file", "-d", tree, image);

        using var device = FileBlockDevice.Open(image);
        using var fs = await Ext4FileSystem.OpenAsync(device);
        var entry = await FileSystemWalk.WalkAsync(fs);
        var node = entry["huge"].Node;
        Assert.Equal(new FileInfo(Path.Combine(tree, "huge")).Length, node.Size);

        await using var ours = await fs.OpenReadAsync(node.Id);
        await using var source = File.OpenRead(Path.Combine(tree, "huge"));
        foreach (var offset in new[] { 0L, 4831838200, 5368709100 })
        {
            var expected = new byte[64];
            var actual = new byte[64];
            source.Position = offset;
            ours.Position = offset;
            var n = await source.ReadAtLeastAsync(expected, expected.Length, throwOnEndOfStream: false);
            Assert.Equal(n, await ours.ReadAtLeastAsync(actual, actual.Length, throwOnEndOfStream: false));
            Assert.Equal(expected[..n], actual[..n]);
        }
    }
}

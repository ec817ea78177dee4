using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems.Ext4;
using static Snapsight.Disk.Tests.FileSystems.Ext4.Ext4SmallImages;

namespace Snapsight.Disk.Tests.FileSystems.Ext4;

/// <summary>
/// A hint that a directory will be listed names its first block, where debugfs (the oracle) says it lies, once a walk has
/// read the directory's inode; it never reads the device, so it cannot add reads; inline directories have no block to name.
/// </summary>
public sealed class Ext4ListingHintTests(Ext4SmallImages images) : IClassFixture<Ext4SmallImages>
{
    [Theory]
    [InlineData("ext4", "/")]
    [InlineData("ext4", "/dir")]
    [InlineData("ext4", "/dir/sub")]
    [InlineData("ext4", "/many")]
    [InlineData("ext2", "/")]
    [InlineData("ext2", "/many")]
    public async Task The_hint_names_the_first_directory_block_without_reading(string kind, string path)
    {
        var image = kind == "ext4" ? images.Ext4 : images.Ext2;
        var blockSize = BlockSizeOf(image);
        var inode = InodeNumber(image, path);

        using var device = new RecordingDevice(new MemoryBlockDevice(await File.ReadAllBytesAsync(image)));
        using var fs = await Ext4FileSystem.OpenAsync(device);
        await fs.GetNodeAsync(inode); // what a walk does before it hints
        device.Reads.Clear();
        device.Hints.Clear();
        await fs.HintListingAsync(inode);

        Assert.Empty(device.Reads);
        var hint = Assert.Single(device.Hints);
        Assert.Equal(FirstBlock(image, path) * blockSize, hint.Offset);
        Assert.InRange(hint.Length, blockSize, 16L * blockSize);
    }

    [Fact]
    public async Task A_directory_whose_inode_is_not_cached_is_hinted_only_once_it_is_read()
    {
        // 1 KiB blocks hold four inodes: /dir's is not in the block opening read for the root.
        var directory = InodeNumber(images.Ext2, "/dir");
        Assert.True(directory > 4, $"/dir is inode {directory}, in the root's inode table block");
        using var device = new RecordingDevice(new MemoryBlockDevice(await File.ReadAllBytesAsync(images.Ext2)));
        using var fs = await Ext4FileSystem.OpenAsync(device);
        device.Reads.Clear();
        device.Hints.Clear();
        await fs.HintListingAsync(directory);
        await fs.HintListingAsync(long.MaxValue);
        Assert.Empty(device.Reads);
        Assert.Empty(device.Hints);

        await fs.GetNodeAsync(directory);
        await fs.HintListingAsync(directory);
        Assert.Equal(FirstBlock(images.Ext2, "/dir") * 1024, Assert.Single(device.Hints).Offset);
    }

    [Fact]
    public async Task Inline_directories_and_files_are_not_hinted()
    {
        using var device = new RecordingDevice(new MemoryBlockDevice(await File.ReadAllBytesAsync(images.Inline)));
        using var fs = await Ext4FileSystem.OpenAsync(device);
        var directory = InodeNumber(images.Inline, "/dir/sub");
        var file = InodeNumber(images.Inline, "/plain");
        await fs.GetNodeAsync(directory);
        await fs.GetNodeAsync(file);
        device.Hints.Clear();
        await fs.HintListingAsync(directory);
        await fs.HintListingAsync(file);
        Assert.Empty(device.Hints);
    }

    /// <summary>Records reads and prefetch hints.</summary>
    private sealed class RecordingDevice(IBlockDevice inner) : IBlockDevice
    {
        public List<(long Offset, int Length)> Reads { get; } = [];

        public List<(long Offset, long Length)> Hints { get; } = [];

        public long Length => inner.Length;

        public int BlockSize => inner.BlockSize;

        public ReadStatistics Statistics => inner.Statistics;

        public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reads.Add((offset, buffer.Length));
            return inner.ReadAsync(offset, buffer, cancellationToken);
        }

        public void Prefetch(long offset, long length) => Hints.Add((offset, length));

        public void Dispose() => inner.Dispose();
    }
}

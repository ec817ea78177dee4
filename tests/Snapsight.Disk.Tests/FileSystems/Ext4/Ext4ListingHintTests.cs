using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems.Ext4;
using static Snapsight.Disk.Tests.FileSystems.Ext4.Ext4SmallImages;

namespace Snapsight.Disk.Tests.FileSystems.Ext4;

/// <summary>
/// A hint that a directory will be listed names its first block, where debugfs (the oracle) says it lies, and reads
/// nothing a listing of it would not read; inline directories have no block to name.
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
    public async Task The_hint_names_the_first_directory_block_and_reads_only_what_listing_reads(string kind, string path)
    {
        var image = kind == "ext4" ? images.Ext4 : images.Ext2;
        var blockSize = BlockSizeOf(image);
        var inode = InodeNumber(image, path);

        using var listingDevice = new RecordingDevice(new MemoryBlockDevice(await File.ReadAllBytesAsync(image)));
        using (var fs = await Ext4FileSystem.OpenAsync(listingDevice))
        {
            listingDevice.Reads.Clear();
            await foreach (var _ in fs.ReadDirectoryAsync(inode))
            {
            }
        }

        using var hintDevice = new RecordingDevice(new MemoryBlockDevice(await File.ReadAllBytesAsync(image)));
        using (var fs = await Ext4FileSystem.OpenAsync(hintDevice))
        {
            hintDevice.Reads.Clear();
            hintDevice.Hints.Clear();
            await fs.HintListingAsync(inode);
        }

        var hint = Assert.Single(hintDevice.Hints);
        Assert.Equal(FirstBlock(image, path) * blockSize, hint.Offset);
        Assert.InRange(hint.Length, blockSize, 16L * blockSize);
        Assert.Contains(listingDevice.Reads, read => read.Offset == hint.Offset);
        Assert.All(hintDevice.Reads, read => Assert.Contains(read, listingDevice.Reads));
    }

    [Fact]
    public async Task Inline_directories_and_files_are_not_hinted()
    {
        using var device = new RecordingDevice(new MemoryBlockDevice(await File.ReadAllBytesAsync(images.Inline)));
        using var fs = await Ext4FileSystem.OpenAsync(device);
        device.Hints.Clear();
        await fs.HintListingAsync(InodeNumber(images.Inline, "/dir/sub"));
        await fs.HintListingAsync(InodeNumber(images.Inline, "/plain"));
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

using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems.Ext4;
using Snapsight.Disk.Tests.Support;
using static Snapsight.Disk.Tests.FileSystems.Ext4.Ext4SmallImages;

namespace Snapsight.Disk.Tests.FileSystems.Ext4;

/// <summary>
/// Extent tree, block map and inode size damage (hostile-input guide, ext4 cases 7, 8, 12, 13).
/// The extent root sits in i_block at inode offset 0x28: a 12-byte header (eh_magic 0, eh_entries 2,
/// eh_max 4, eh_depth 6) then 12-byte entries (ee_block 0, ee_len 4, ee_start_hi 6, ee_start_lo 8;
/// an index entry has ei_leaf_lo at 4), per Documentation/filesystems/ext4/dynamic.rst.
/// </summary>
public sealed class Ext4HostileExtentTests(Ext4SmallImages images) : IClassFixture<Ext4SmallImages>
{
    private const int IBlock = 0x28;

    private static Func<CancellationToken, Task> ReadingAll(string image, string name) =>
        Ext4HostileSuperblockTests.Opening(image, async (fs, ct) =>
        {
            var entry = (await FileSystemWalk.WalkAsync(fs, ct: ct))[name];
            await using var stream = await fs.OpenReadAsync(entry.Node.Id, ct);
            await stream.CopyToAsync(Stream.Null, ct);
        });

    private string PatchInode(string image, string path, Action<FileStream, long> patch)
    {
        var inode = InodeOffset(image, path);
        return images.Patched(image, s => patch(s, inode));
    }

    [Fact]
    public void Extent_header_with_bad_magic_is_rejected()
    {
        // eh_magic must be 0xF30A; anything else means i_block is not an extent tree.
        var image = PatchInode(images.Ext4, "/plain", (s, at) => WriteUInt16(s, at + IBlock, 0x1234));
        Assert.Contains("eh_magic", HostileInput.Rejects(ReadingAll(image, "plain")).Message);
    }

    [Theory]
    [InlineData((ushort)6)]
    [InlineData((ushort)65535)]
    public void Extent_depth_beyond_five_is_rejected(ushort depth)
    {
        // eh_depth above EXT4_MAX_EXTENT_DEPTH (5) would let a reader descend without end.
        var image = PatchInode(images.Ext4, "/fragmented", (s, at) => WriteUInt16(s, at + IBlock + 6, depth));
        Assert.Contains("eh_depth", HostileInput.Rejects(ReadingAll(image, "fragmented")).Message);
    }

    [Fact]
    public void Child_depth_other_than_parent_minus_one_is_rejected()
    {
        // The leaf under the depth-1 root claims depth 1 itself: a self-similar tree that could loop.
        var image = PatchInode(images.Ext4, "/fragmented", (s, at) =>
        {
            var leaf = ReadUInt32(s, at + IBlock + 12 + 4);
            WriteUInt16(s, leaf * BlockSize + 6, 1);
        });
        Assert.Contains("eh_depth 1 (expected 0)", HostileInput.Rejects(ReadingAll(image, "fragmented")).Message);
    }

    [Fact]
    public void Overlapping_extents_are_rejected()
    {
        // The leaf's second extent (ee_block at 12 + 12) is moved onto the first's logical range.
        var image = PatchInode(images.Ext4, "/fragmented", (s, at) =>
        {
            var leaf = ReadUInt32(s, at + IBlock + 12 + 4) * (long)BlockSize;
            WriteUInt32(s, leaf + 24, ReadUInt32(s, leaf + 12));
        });
        Assert.Contains("overlaps or is out of order", HostileInput.Rejects(ReadingAll(image, "fragmented")).Message);
    }

    [Fact]
    public void Zero_length_extent_is_rejected()
    {
        // ee_len 0 maps nothing; the kernel calls such an extent corrupt.
        var image = PatchInode(images.Ext4, "/plain", (s, at) => WriteUInt16(s, at + IBlock + 12 + 4, 0));
        Assert.Contains("is empty", HostileInput.Rejects(ReadingAll(image, "plain")).Message);
    }

    [Fact]
    public void More_entries_than_eh_max_is_rejected()
    {
        // eh_entries 5 with eh_max 4 would read past i_block.
        var image = PatchInode(images.Ext4, "/plain", (s, at) => WriteUInt16(s, at + IBlock + 2, 5));
        Assert.Contains("eh_entries", HostileInput.Rejects(ReadingAll(image, "plain")).Message);
    }

    [Fact]
    public void Extent_pointing_past_the_file_system_is_rejected()
    {
        // ee_start_hi = 0xFFFF puts the data 2^48 blocks away.
        var image = PatchInode(images.Ext4, "/plain", (s, at) => WriteUInt16(s, at + IBlock + 12 + 6, 0xFFFF));
        Assert.Contains("outside the file system", HostileInput.Rejects(ReadingAll(image, "plain")).Message);
    }

    [Fact]
    public async Task Uninitialised_extent_longer_than_32768_reads_as_zeros_without_big_buffers()
    {
        // ee_len = 32768 + 1000 marks 1000 preallocated blocks; they must read as zeros, the bit masked
        // (DiscUtils#276 looped forever here), and never be allocated as one buffer.
        var image = PatchInode(images.Ext4, "/plain", (s, at) =>
        {
            WriteUInt16(s, at + IBlock + 12 + 4, 32768 + 1000);
            WriteUInt32(s, at + IBlock + 12 + 8, 100);
            WriteUInt32(s, at + 0x04, 1000 * BlockSize);
        });
        long zeros = -1;
        Assert.Null(HostileInput.Run(Ext4HostileSuperblockTests.Opening(image, async (fs, ct) =>
        {
            var node = (await FileSystemWalk.WalkAsync(fs, ct: ct))["plain"].Node;
            await using var stream = await fs.OpenReadAsync(node.Id, ct);
            var buffer = new byte[65536];
            zeros = 0;
            int n;
            while ((n = await stream.ReadAsync(buffer, ct)) > 0)
            {
                zeros += buffer.AsSpan(0, n).IndexOfAnyExcept((byte)0) < 0 ? n : 0;
            }
        })));
        Assert.Equal(1000L * BlockSize, zeros);
    }

    [Fact]
    public void Size_of_two_to_the_63_is_rejected()
    {
        // i_size_high (0x6C) = 0x80000000: a size no long can hold and no extent tree can map.
        var image = PatchInode(images.Ext4, "/plain", (s, at) => WriteUInt32(s, at + 0x6C, 0x80000000));
        Assert.Contains("i_size", HostileInput.Rejects(ReadingAll(image, "plain")).Message);
    }

    [Fact]
    public void Inline_data_larger_than_the_inode_body_is_rejected()
    {
        // i_size 5000 on an inline file: i_block and system.data hold far less.
        var image = PatchInode(images.Inline, "/inline", (s, at) => WriteUInt32(s, at + 0x04, 5000));
        Assert.Contains("inline storage", HostileInput.Rejects(ReadingAll(image, "inline")).Message);
    }

    [Fact]
    public void Indirect_blocks_that_point_at_themselves_stay_bounded()
    {
        // The single indirect block's first pointer and the double indirect block's first pointer
        // point back at themselves (sleuthkit#2268 looped on such maps). A bounded read or a clean error is fine.
        var image = PatchInode(images.Ext2, "/indirect", (s, at) =>
        {
            var single = ReadUInt32(s, at + IBlock + (12 * 4));
            var indirect = ReadUInt32(s, at + IBlock + (13 * 4));
            WriteUInt32(s, single * 1024L, single);
            WriteUInt32(s, indirect * 1024L, indirect);
        });
        HostileInput.Run(ReadingAll(image, "indirect"));
    }

    [Fact]
    public void Indirect_pointer_past_the_file_system_is_rejected()
    {
        // i_block[12] (single indirect) = 0xFFFFFFF0: far beyond the 8 MiB volume.
        var image = PatchInode(images.Ext2, "/indirect", (s, at) => WriteUInt32(s, at + IBlock + (12 * 4), 0xFFFFFFF0));
        Assert.Contains("outside the file system", HostileInput.Rejects(ReadingAll(image, "indirect")).Message);
    }

    [Fact]
    public async Task The_unpatched_images_read_cleanly()
    {
        // Guards the cases above: each failure comes from the patch, not the base image.
        foreach (var image in new[] { images.Ext4, images.Ext2, images.Inline })
        {
            using var device = FileBlockDevice.Open(image);
            using var fs = await Ext4FileSystem.OpenAsync(device);
            var walked = await FileSystemWalk.WalkAsync(fs);
            foreach (var name in new[] { "plain", "fragmented", "indirect", "inline", "dir/sub/file" })
            {
                Assert.Equal(Ext4SourceTree.Sha256OfFile(Path.Combine(images.Tree, name)), await FileSystemWalk.Sha256Async(fs, walked[name].Node.Id));
            }
        }
    }
}

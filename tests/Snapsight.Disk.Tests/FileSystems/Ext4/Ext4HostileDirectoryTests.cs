using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Ext4;
using Snapsight.Disk.Tests.Support;
using static Snapsight.Disk.Tests.FileSystems.Ext4.Ext4SmallImages;

namespace Snapsight.Disk.Tests.FileSystems.Ext4;

/// <summary>
/// Directory entry damage (hostile-input guide, ext4 cases 10 and 11). In a 4 KiB directory
/// block "." and ".." take 12 bytes each, so the first real entry starts at byte 24:
/// inode (0), rec_len (4), name_len (6), file_type (7), per Documentation/filesystems/ext4/directory.rst.
/// </summary>
public sealed class Ext4HostileDirectoryTests(Ext4SmallImages images) : IClassFixture<Ext4SmallImages>
{
    private const int FirstEntry = 24;

    private static Func<CancellationToken, Task> Listing(string image, string directory) =>
        Ext4HostileSuperblockTests.Opening(image, async (fs, ct) =>
        {
            var node = (await FileSystemWalk.WalkAsync(fs, maxDepth: 1, ct))[directory].Node;
            await foreach (var entry in fs.ReadDirectoryAsync(node.Id, ct))
            {
                Assert.NotNull(entry.Name);
            }
        });

    private string PatchFirstEntry(string directory, Action<FileStream, long> patch)
    {
        var block = FirstBlock(images.Ext4, directory);
        return images.Patched(images.Ext4, s => patch(s, (block * BlockSize) + FirstEntry));
    }

    [Fact]
    public void Rec_len_zero_is_rejected()
    {
        // rec_len 0 never advances: the classic endless directory loop.
        var image = PatchFirstEntry("/dir", (s, at) => WriteUInt16(s, at + 4, 0));
        Assert.Contains("rec_len 0", HostileInput.Rejects(Listing(image, "dir")).Message);
    }

    [Fact]
    public void Rec_len_shorter_than_the_name_is_rejected()
    {
        // rec_len 8 cannot hold the 8-byte header plus a name of 3 or more bytes.
        var image = PatchFirstEntry("/dir", (s, at) => WriteUInt16(s, at + 4, 8));
        Assert.Contains("rec_len 8", HostileInput.Rejects(Listing(image, "dir")).Message);
    }

    [Fact]
    public void Rec_len_past_the_block_end_is_rejected()
    {
        // 24 + 4092 runs 20 bytes past the 4096-byte block.
        var image = PatchFirstEntry("/dir", (s, at) => WriteUInt16(s, at + 4, 4092));
        Assert.Contains("rec_len 4092", HostileInput.Rejects(Listing(image, "dir")).Message);
    }

    [Fact]
    public void Name_len_255_in_a_short_entry_is_rejected()
    {
        // name_len 255 with the entry's original small rec_len: the name would run into the next entry.
        var image = PatchFirstEntry("/dir", (s, at) => { s.Position = at + 6; s.WriteByte(255); });
        Assert.Contains("name_len 255", HostileInput.Rejects(Listing(image, "dir")).Message);
    }

    [Fact]
    public void Entry_inode_beyond_the_inode_count_is_rejected()
    {
        // inode 0xFFFFFFF0 is far above s_inodes_count.
        var image = PatchFirstEntry("/dir", (s, at) => WriteUInt32(s, at, 0xFFFFFFF0));
        Assert.Contains("s_inodes_count", HostileInput.Rejects(Listing(image, "dir")).Message);
    }

    [Fact]
    public async Task Entry_inode_zero_is_an_unused_slot_and_is_skipped()
    {
        // inode 0 is how ext4 marks a deleted entry: the listing loses exactly that name.
        var image = PatchFirstEntry("/dir", (s, at) => WriteUInt32(s, at, 0));
        Assert.Null(HostileInput.Run(Listing(image, "dir")));
        using var device = FileBlockDevice.Open(image);
        using var fs = await Ext4FileSystem.OpenAsync(device);
        var names = (await FileSystemWalk.WalkAsync(fs)).Keys.Where(k => k.StartsWith("dir/", StringComparison.Ordinal) && k.Count(c => c == '/') == 1).ToList();
        Assert.Single(names);
    }

    [Fact]
    public async Task An_entry_aliasing_an_ancestor_gives_a_bounded_listing()
    {
        // /dir/sub's entry "file" is pointed at /dir itself with type directory: a cycle. The file system
        // returns entries as they are; each listing stays bounded and a depth-bounded walk ends.
        var dirInode = InodeNumber(images.Ext4, "/dir");
        var image = PatchFirstEntry("/dir/sub", (s, at) =>
        {
            WriteUInt32(s, at, (uint)dirInode);
            s.Position = at + 7;
            s.WriteByte(2);
        });
        Assert.Null(HostileInput.Run(Ext4HostileSuperblockTests.Opening(image, async (fs, ct) =>
            Assert.True((await FileSystemWalk.WalkAsync(fs, maxDepth: 16, ct)).Keys.Count(k => k.StartsWith("dir/", StringComparison.Ordinal)) < 100))));

        using var device = FileBlockDevice.Open(image);
        using var fs = await Ext4FileSystem.OpenAsync(device);
        var walked = await FileSystemWalk.WalkAsync(fs, maxDepth: 2);
        Assert.Equal(dirInode, walked["dir/sub/file"].Node.Id);
        Assert.Equal(FileType.Directory, walked["dir/sub/file"].Node.Type);
    }
}

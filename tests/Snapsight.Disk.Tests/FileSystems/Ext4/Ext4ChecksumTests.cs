using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems.Ext4;
using static Snapsight.Disk.Tests.FileSystems.Ext4.Ext4SmallImages;

namespace Snapsight.Disk.Tests.FileSystems.Ext4;

/// <summary>
/// metadata_csum mismatches are warnings, found as the damaged structure is read. Each case flips a
/// byte that changes nothing we use, so reading succeeds and only the checksum can notice.
/// (The oracle tests assert the opposite: no warning on any undamaged mkfs image.)
/// </summary>
public sealed class Ext4ChecksumTests(Ext4SmallImages images) : IClassFixture<Ext4SmallImages>
{
    private async Task<IReadOnlyList<string>> WarningsAfterWalkAsync(string image)
    {
        using var device = FileBlockDevice.Open(image);
        using var fs = await Ext4FileSystem.OpenAsync(device);
        var walked = await FileSystemWalk.WalkAsync(fs);
        Assert.Equal(Ext4SourceTree.Sha256OfFile(Path.Combine(images.Tree, "fragmented")), await FileSystemWalk.Sha256Async(fs, walked["fragmented"].Node.Id));
        return fs.Warnings;
    }

    [Fact]
    public async Task An_inode_changed_after_its_checksum_is_reported()
    {
        // i_atime (0x08) is not used by the reader.
        var number = InodeNumber(images.Ext4, "/plain");
        var at = InodeOffset(images.Ext4, "/plain");
        var image = images.Patched(images.Ext4, s => WriteUInt32(s, at + 0x08, 12345));
        Assert.Contains($"inode {number}: checksum does not match", await WarningsAfterWalkAsync(image));
    }

    [Fact]
    public async Task A_directory_block_changed_after_its_checksum_is_reported()
    {
        // The last byte of the first entry's name in /dir (names are at least one byte; entries start at 24).
        var block = FirstBlock(images.Ext4, "/dir");
        var image = images.Patched(images.Ext4, s =>
        {
            s.Position = (block * BlockSize) + 24 + 6;
            var nameLength = s.ReadByte();
            s.Position = (block * BlockSize) + 24 + 8 + nameLength - 1;
            s.WriteByte((byte)'Z');
        });
        Assert.Contains(await WarningsAfterWalkAsync(image), w => w.StartsWith($"directory block {block} ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_extent_block_changed_after_its_checksum_is_reported()
    {
        // The leaf under /fragmented's root holds 12 of its 340 slots; the last unused slot is not read.
        var at = InodeOffset(images.Ext4, "/fragmented");
        long leaf = 0;
        var image = images.Patched(images.Ext4, s =>
        {
            leaf = ReadUInt32(s, at + 0x28 + 12 + 4);
            WriteUInt32(s, (leaf * BlockSize) + (12 * 340), 0xDEADBEEF);
        });
        Assert.Contains(await WarningsAfterWalkAsync(image), w => w.StartsWith($"extent block {leaf} ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_group_descriptor_changed_after_its_checksum_is_reported()
    {
        // bg_itable_unused_lo (0x1C) of group 0, in the descriptor block right after the superblock's block.
        var image = images.Patched(images.Ext4, s => WriteUInt16(s, BlockSize + 0x1C, 0x7777));
        Assert.Contains("group descriptor 0: checksum does not match", await WarningsAfterWalkAsync(image));
    }
}

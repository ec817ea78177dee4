using System.Buffers.Binary;
using Snapsight.Disk.FileSystems.Xfs;
using Snapsight.Disk.Tests.Support;
using static Snapsight.Disk.Tests.FileSystems.Xfs.XfsCraft;

namespace Snapsight.Disk.Tests.FileSystems.Xfs;

/// <summary>
/// Bytes of a real mkfs.xfs image patched into the bad shapes of hostile-input.md cases 14–17
/// (and a few more). Each must end in a <see cref="DiskFormatException"/> within the time and
/// memory bar of <see cref="HostileInput"/>; none may crash, hang or allocate from on-disk sizes.
/// Inode offsets below are relative to the inode: di_format 0x05, di_size 0x38, di_anextents 0x50,
/// di_forkoff 0x52; the data fork starts at 176 (the v3 core size).
/// </summary>
public sealed class XfsHostileInputTests(XfsHostileImage image) : IClassFixture<XfsHostileImage>
{
    [Fact]
    public void The_pristine_image_opens_and_walks() => Assert.Null(HostileInput.Run(ct => XfsHostileImage.OpenAndWalkAsync(image.Copy(), ct)));

    [Fact]
    public void Probe_answers_without_throwing_on_short_or_foreign_bytes()
    {
        Assert.False(XfsFileSystem.Probe([]));
        Assert.False(XfsFileSystem.Probe("XFS"u8));
        Assert.False(XfsFileSystem.Probe(new byte[512]));
        Assert.True(XfsFileSystem.Probe(image.Bytes.AsSpan(0, 4)));
    }

    [Fact]
    public void Superblock_magic_is_wrong()
    {
        // "XFSC" instead of "XFSB": not an XFS superblock at all.
        var bytes = image.Copy();
        bytes[3] = (byte)'C';
        Assert.Contains("sb_magicnum", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Superblock_version_is_3()
    {
        // Only versions 4 and 5 exist; the low nibble of sb_versionnum says 3.
        var bytes = image.Copy();
        bytes[0x65] = (byte)((bytes[0x65] & 0xF0) | 3);
        Assert.Contains("version 3", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_incompatible_features_are_refused_by_name()
    {
        // An unknown bit and "parent" (parent pointers, which we do not read) in sb_features_incompat.
        var bytes = image.Copy();
        U32(bytes, 0xD8, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(0xD8)) | 0x80000000u | 0x80);
        var error = Assert.IsType<UnsupportedFeatureException>(Reject(bytes));
        Assert.Equal(["parent", "incompat bit 0x80000000"], error.Features);
    }

    [Fact]
    public void Agblklog_disagrees_with_agblocks()
    {
        // sb_agblklog one larger than log2(sb_agblocks) would misplace every inode.
        var bytes = image.Copy();
        bytes[0x7C]++;
        Assert.Contains("sb_agblklog", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inopblog_disagrees_with_inopblock()
    {
        // sb_inopblog 5 claims 32 inodes per 4 KiB block of 512-byte inodes.
        var bytes = image.Copy();
        bytes[0x7B] = 5;
        Assert.Contains("sb_inopblog", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Block_size_is_not_a_power_of_two()
    {
        // sb_blocksize 3000: every block address computed from it would be nonsense.
        var bytes = image.Copy();
        U32(bytes, 0x04, 3000);
        Assert.Contains("sb_blocksize", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_blocks_exceed_the_allocation_groups()
    {
        // sb_dblocks larger than sb_agcount × sb_agblocks.
        var bytes = image.Copy();
        U64(bytes, 0x08, (ulong)(image.Sb("agcount") * image.Sb("agblocks")) + 1);
        Assert.Contains("sb_dblocks", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Root_inode_has_a_bad_magic()
    {
        // di_magic "IX": the root cannot be trusted, so opening fails.
        var bytes = image.Copy();
        bytes[image.Root.Offset + 1] = (byte)'X';
        Assert.Contains("di_magic", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_inode_has_a_bad_magic()
    {
        // A damaged file inode fails when the walk reaches it.
        var bytes = image.Copy();
        bytes[image.Data.Offset] = 0;
        Assert.Contains("di_magic", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fork_offset_lies_past_the_inode()
    {
        // di_forkoff 255 × 8 = 2040 bytes, beyond the 336-byte literal area of a 512-byte v3 inode.
        var bytes = image.Copy();
        bytes[image.Data.Offset + 0x52] = 255;
        Assert.Contains("di_forkoff", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fork_offset_is_zero_while_attribute_extents_exist()
    {
        // di_forkoff 0 means no attribute fork, yet di_anextents says one: the forks would overlap.
        var bytes = image.Copy();
        bytes[image.Data.Offset + 0x52] = 0;
        U16(bytes, image.Data.Offset + 0x50, 1);
        Assert.Contains("di_forkoff 0", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bmbt_root_level_is_65535()
    {
        // A tree 65535 levels deep would recurse without bound.
        var bytes = image.Copy();
        WriteBtreeRoot(bytes, image.Data.Offset, 65535, 1, [(0, image.LastBlock().FsBlock)], 5);
        Assert.Contains("bb_level 65535", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bmbt_node_points_at_itself()
    {
        // Root (level 2) → node at the last block (level 1) whose only child is itself: a cycle.
        var bytes = image.Copy();
        var (fsBlock, offset) = image.LastBlock();
        WriteBtreeRoot(bytes, image.Data.Offset, 2, 1, [(0, fsBlock)], 5);
        WriteBmbtBlock(bytes, offset, 4096, 1, image.Data.Inode, [(0, fsBlock)], null);
        Assert.Contains("referenced twice", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bmbt_root_holds_more_records_than_fit()
    {
        // bb_numrecs 1000 in a root that has room for 20 key/pointer pairs.
        var bytes = image.Copy();
        WriteBtreeRoot(bytes, image.Data.Offset, 1, 1000, [(0, image.LastBlock().FsBlock)], 5);
        Assert.Contains("bb_numrecs 1000", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bmbt_leaf_holds_more_records_than_fit()
    {
        // A leaf block claiming 1000 records where a 4 KiB block holds 251.
        var bytes = image.Copy();
        var (fsBlock, offset) = image.LastBlock();
        WriteBtreeRoot(bytes, image.Data.Offset, 1, 1, [(0, fsBlock)], 5);
        WriteBmbtBlock(bytes, offset, 4096, 0, image.Data.Inode, null, [(0, 100, 1, false)]);
        U16(bytes, offset + 6, 1000);
        Assert.Contains("bb_numrecs 1000", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extent_points_past_the_file_system()
    {
        // The data file's only extent record gets AG number 1000 (there are 4 AGs).
        var bytes = image.Copy();
        var fork = image.Data.Offset + CoreSize;
        var start = (1000UL << (int)image.Sb("agblklog")) | 10;
        U64(bytes, fork, start >> 43);
        U64(bytes, fork + 8, (start << 21) | 5);
        Assert.Contains("outside", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shortform_directory_is_larger_than_its_fork()
    {
        // di_size 4000 for an inline directory in a 336-byte fork.
        var bytes = image.Copy();
        U64(bytes, image.Shortform.Offset + 0x38, 4000);
        Assert.Contains("di_size 4000", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shortform_i8count_disagrees_with_the_inode_numbers()
    {
        // i8count 1 widens every inode number to 8 bytes although none needs it: entries no
        // longer line up, and the count of wide numbers (0) differs from i8count.
        var bytes = image.Copy();
        bytes[image.Shortform.Offset + CoreSize + 1] = 1;
        Assert.Contains("directory inode", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shortform_entry_names_an_inode_past_the_last_allocation_group()
    {
        // The first entry's 4-byte inode number (after count, i8count, parent, namelen, offset,
        // "f0" and ftype) becomes 0xFFFFFFF0, whose AG number is far beyond sb_agcount.
        var bytes = image.Copy();
        U32(bytes, image.Shortform.Offset + CoreSize + 12, 0xFFFFFFF0);
        Assert.Contains("outside", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shortform_entry_name_contains_a_slash()
    {
        // "f0" becomes "f/": a name that would split into two path components above us.
        var bytes = image.Copy();
        bytes[image.Shortform.Offset + CoreSize + 6 + 3 + 1] = (byte)'/';
        Assert.Contains("'/' or NUL", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_symlink_size_exceeds_its_fork_and_is_not_allocated()
    {
        // di_size 2^40 for an inline link: must be refused before anything that size is allocated.
        var bytes = image.Copy();
        U64(bytes, image.Link.Offset + 0x38, 1UL << 40);
        Assert.Contains("di_size", Reject(bytes).Message, StringComparison.Ordinal);

        // di_size 1000 is a legal link length but longer than the 336-byte fork.
        bytes = image.Copy();
        U64(bytes, image.Link.Offset + 0x38, 1000);
        Assert.Contains("exceeds", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_data_block_has_a_free_region_of_length_3()
    {
        // The first region after the 64-byte XDB3 header becomes unused (freetag 0xFFFF) with
        // length 3: not a multiple of 8, so walking on would lose step.
        var bytes = image.Copy();
        var block = image.FirstDataBlockOffset("/block");
        U16(bytes, block + 64, 0xFFFF);
        U16(bytes, block + 66, 3);
        Assert.Contains("unused region length 3", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_data_block_has_a_free_region_of_length_0()
    {
        // Length 0 would make the region walk stand still forever.
        var bytes = image.Copy();
        var block = image.FirstDataBlockOffset("/block");
        U16(bytes, block + 64, 0xFFFF);
        U16(bytes, block + 66, 0);
        Assert.Contains("unused region length 0", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Single_block_directory_tail_counts_too_many_leaves()
    {
        // The XDB3 block tail's leaf count 0x10000000 would put the data end before the block start.
        var bytes = image.Copy();
        var block = image.FirstDataBlockOffset("/block");
        U32(bytes, block + 4096 - 8, 0x10000000);
        Assert.Contains("block tail count", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_image_fails_where_it_ends()
    {
        // Only the first 16 MiB (AG 0) survive; inodes and data further on are missing.
        var bytes = image.Bytes.AsSpan(0, 16 << 20).ToArray();
        Assert.Contains("past the end", Reject(bytes).Message, StringComparison.Ordinal);
    }

    // The /node directory's da B-tree root sits at directory block 8388608 (32 GiB / 4 KiB);
    // v5 node and leaf headers keep count at 56 and (nodes) level at 58.
    private const long DaRoot = 8388608;

    [Fact]
    public void Directory_da_node_claims_level_9()
    {
        // XFS_DA_NODE_MAXDEPTH is 5: a level-9 root would send the lookup down nine blocks.
        var bytes = image.Copy();
        U16(bytes, image.BlockOffset("/node", DaRoot) + 58, 9);
        Assert.Contains("da node level 9", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_da_node_points_at_itself()
    {
        // Every child pointer of the level-1 root names the root's own block: a cycle that
        // must end at the level check (a node where a leaf belongs), not loop.
        var bytes = image.Copy();
        var root = image.BlockOffset("/node", DaRoot);
        var count = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan((int)root + 56));
        for (var i = 0; i < count; i++)
        {
            U32(bytes, root + 64 + (i * 8) + 4, (uint)DaRoot);
        }

        Assert.Contains("a da node sits where level 0", Reject(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_leaf_count_exceeds_its_block()
    {
        // The first leaf under the root claims 65535 (hash, address) pairs; a 4 KiB leaf holds 504.
        var bytes = image.Copy();
        U16(bytes, image.BlockOffset("/node", DaRoot + 1) + 56, 0xFFFF);
        Assert.Contains("leaf count 65535", Reject(bytes).Message, StringComparison.Ordinal);
    }

    private static DiskFormatException Reject(byte[] bytes) =>
        HostileInput.Rejects(ct => XfsHostileImage.OpenAndWalkAsync(bytes, ct));
}

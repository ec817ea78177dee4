using Snapsight.Disk.FileSystems.Ext4;
using Snapsight.Disk.Tests.Support;
using static Snapsight.Disk.Tests.FileSystems.Ext4.Ext4SmallImages;

namespace Snapsight.Disk.Tests.FileSystems.Ext4;

/// <summary>
/// HTree damage (hostile-input guide, ext4 case 11). Block 0 of /many holds dx_root: dx_root_info at
/// 0x18 (hash_version 0x1C, info_length 0x1D, indirect_levels 0x1E), then limit (0x20), count (0x22)
/// and the block of entry 0 (0x24), then (hash, block) pairs, per directory.rst "Hash Tree Directories".
/// </summary>
public sealed class Ext4HostileHashTreeTests(Ext4SmallImages images) : IClassFixture<Ext4SmallImages>
{
    private static Func<CancellationToken, Task> LookingUp(string image, params string[] names) =>
        Ext4HostileSuperblockTests.Opening(image, async (fs, ct) =>
        {
            var many = await fs.FindEntryAsync(fs.RootNode, "many", ct) ?? throw new Xunit.Sdk.XunitException("no /many");
            foreach (var name in names)
            {
                await fs.FindEntryAsync(many.Node, name, ct);
            }
        });

    private string PatchRoot(Action<FileStream, long> patch)
    {
        var root = FirstBlock(images.Ext4, "/many") * BlockSize;
        return images.Patched(images.Ext4, s => patch(s, root));
    }

    [Fact]
    public void The_unpatched_directory_is_hashed_and_every_name_is_found()
    {
        Assert.Contains("Root node dump", Tool.Run("debugfs", "-R", "htree /many", images.Ext4));
        Assert.Null(HostileInput.Run(Ext4HostileSuperblockTests.Opening(images.Ext4, async (fs, ct) =>
        {
            var many = (await fs.FindEntryAsync(fs.RootNode, "many", ct))!.Value;
            for (var i = 1; i <= 400; i++)
            {
                Assert.NotNull(await fs.FindEntryAsync(many.Node, $"entry_number_{i}", ct));
            }
        })));
    }

    [Fact]
    public void Count_above_limit_is_rejected()
    {
        // count = limit + 1 would read index entries past the block.
        var image = PatchRoot((s, root) =>
        {
            s.Position = root + 0x20;
            var limit = s.ReadByte() | (s.ReadByte() << 8);
            WriteUInt16(s, root + 0x22, (ushort)(limit + 1));
        });
        Assert.Contains("dx count", HostileInput.Rejects(LookingUp(image, "entry_number_7")).Message);
    }

    [Fact]
    public void Too_many_indirect_levels_are_rejected()
    {
        // indirect_levels 3 without large_dir (at most 1 is valid, as for the kernel's ext4_dir_htree_level).
        var image = PatchRoot((s, root) => { s.Position = root + 0x1E; s.WriteByte(3); });
        Assert.Contains("indirect_levels 3", HostileInput.Rejects(LookingUp(image, "entry_number_7")).Message);
    }

    [Fact]
    public void Wrong_info_length_is_rejected()
    {
        // info_length 0 would move the entries onto dx_root_info itself.
        var image = PatchRoot((s, root) => { s.Position = root + 0x1D; s.WriteByte(0); });
        Assert.Contains("info_length 0", HostileInput.Rejects(LookingUp(image, "entry_number_7")).Message);
    }

    [Fact]
    public void Unknown_hash_version_is_rejected()
    {
        // hash_version 9 is none of legacy, half-MD4, TEA (signed or not) or SipHash.
        var image = PatchRoot((s, root) => { s.Position = root + 0x1C; s.WriteByte(9); });
        Assert.Contains("hash_version 9", HostileInput.Rejects(LookingUp(image, "entry_number_7")).Message);
    }

    [Fact]
    public void Index_entries_pointing_past_the_directory_are_rejected()
    {
        // Every entry's block set to 0x0FFFFFF0, far beyond the directory's few blocks.
        var image = PatchRoot((s, root) =>
        {
            s.Position = root + 0x22;
            var count = s.ReadByte() | (s.ReadByte() << 8);
            for (var i = 0; i < count; i++)
            {
                WriteUInt32(s, root + 0x20 + (i * 8) + 4, 0x0FFFFFF0);
            }
        });
        Assert.Contains("points at directory block", HostileInput.Rejects(LookingUp(image, "entry_number_7", "entry_number_300")).Message);
    }

    [Fact]
    public void Index_entries_pointing_at_the_root_are_rejected()
    {
        // Block 0 is dx_root itself: following it would search the index as if it were a leaf.
        var image = PatchRoot((s, root) => WriteUInt32(s, root + 0x24, 0));
        var names = Enumerable.Range(1, 400).Select(i => $"entry_number_{i}").ToArray();
        Assert.Contains("points at directory block 0", HostileInput.Rejects(LookingUp(image, names)).Message);
    }
}

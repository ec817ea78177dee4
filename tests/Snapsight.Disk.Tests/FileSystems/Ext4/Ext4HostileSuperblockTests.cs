using CsCheck;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems.Ext4;
using Snapsight.Disk.Tests.Support;
using static Snapsight.Disk.Tests.FileSystems.Ext4.Ext4SmallImages;

namespace Snapsight.Disk.Tests.FileSystems.Ext4;

/// <summary>
/// Superblock and inode-number damage (hostile-input guide, ext4 cases 9 and the feature rules).
/// Superblock offsets are those of Documentation/filesystems/ext4/super.rst, plus 1024.
/// </summary>
public sealed class Ext4HostileSuperblockTests(Ext4SmallImages images) : IClassFixture<Ext4SmallImages>
{
    internal static Func<CancellationToken, Task> Opening(string image, Func<Ext4FileSystem, CancellationToken, Task>? then = null) => async ct =>
    {
        using var device = FileBlockDevice.Open(image);
        using var fs = await Ext4FileSystem.OpenAsync(device, ct);
        if (then is not null)
        {
            await then(fs, ct);
        }
    };

    [Fact]
    public void Bad_magic_is_rejected_and_not_probed()
    {
        // s_magic (0x38) zeroed: not an ext file system at all.
        var image = images.Patched(images.Ext4, s => WriteUInt16(s, SuperblockOffset + 0x38, 0));
        Assert.False(Ext4FileSystem.Probe(File.ReadAllBytes(image).AsSpan(0, 2048)));
        Assert.Contains("s_magic", HostileInput.Rejects(Opening(image)).Message);
    }

    [Fact]
    public void Zero_inodes_per_group_is_rejected_before_any_division()
    {
        // s_inodes_per_group (0x28) = 0 divides by zero in naive readers (lwext4#90).
        var image = images.Patched(images.Ext4, s => WriteUInt32(s, SuperblockOffset + 0x28, 0));
        Assert.Contains("s_inodes_per_group", HostileInput.Rejects(Opening(image)).Message);
    }

    [Fact]
    public void Zero_blocks_per_group_is_rejected_before_any_division()
    {
        // s_blocks_per_group (0x20) = 0: the group count would divide by zero.
        var image = images.Patched(images.Ext4, s => WriteUInt32(s, SuperblockOffset + 0x20, 0));
        Assert.Contains("s_blocks_per_group", HostileInput.Rejects(Opening(image)).Message);
    }

    [Theory]
    [InlineData(7u)]
    [InlineData(0xFFFFFFFFu)]
    public void Huge_log_block_size_is_rejected(uint value)
    {
        // s_log_block_size (0x18) beyond 6 would shift 1024 into nonsense (or overflow).
        var image = images.Patched(images.Ext4, s => WriteUInt32(s, SuperblockOffset + 0x18, value));
        Assert.Contains("s_log_block_size", HostileInput.Rejects(Opening(image)).Message);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    [InlineData(96)]
    [InlineData(8192)]
    public void Nonsense_descriptor_size_is_rejected(ushort value)
    {
        // s_desc_size (0xFE) of a 64bit file system must be a power of two in 64..min(1024, block size).
        var image = images.Patched(images.Ext4, s => WriteUInt16(s, SuperblockOffset + 0xFE, value));
        Assert.Contains("s_desc_size", HostileInput.Rejects(Opening(image)).Message);
    }

    [Theory]
    [InlineData((ushort)0)]
    [InlineData((ushort)100)]
    [InlineData((ushort)8192)]
    public void Nonsense_inode_size_is_rejected(ushort value)
    {
        // s_inode_size (0x58) must be a power of two from 128 to the block size.
        var image = images.Patched(images.Ext4, s => WriteUInt16(s, SuperblockOffset + 0x58, value));
        Assert.Contains("s_inode_size", HostileInput.Rejects(Opening(image)).Message);
    }

    [Fact]
    public void A_block_count_far_beyond_the_device_is_rejected()
    {
        // s_blocks_count_hi (0x150) = 0xFFFF claims 2^48 blocks and with them millions of groups on an 8 MiB device.
        var image = images.Patched(images.Ext4, s => WriteUInt32(s, SuperblockOffset + 0x150, 0xFFFF));
        Assert.Contains("device", HostileInput.Rejects(Opening(image)).Message);
    }

    [Fact]
    public void An_unknown_incompatible_feature_is_refused_by_name()
    {
        // s_feature_incompat (0x60) with bit 31 set: a feature we cannot know, so reading could be wrong.
        var image = images.Patched(images.Ext4, s => WriteUInt32(s, SuperblockOffset + 0x60, ReadUInt32(s, SuperblockOffset + 0x60) | 0x80000000));
        var error = Assert.IsType<UnsupportedFeatureException>(HostileInput.Rejects(Opening(image)));
        Assert.Equal(["incompat_0x80000000"], error.Features);
    }

    [Fact]
    public void A_known_but_unsupported_incompatible_feature_is_refused_by_its_name()
    {
        // compression (0x1) was never finished in the kernel; its name must appear in the error.
        var image = images.Patched(images.Ext4, s => WriteUInt32(s, SuperblockOffset + 0x60, ReadUInt32(s, SuperblockOffset + 0x60) | 0x1));
        var error = Assert.IsType<UnsupportedFeatureException>(HostileInput.Rejects(Opening(image)));
        Assert.Equal(["compression"], error.Features);
    }

    [Fact]
    public async Task Needs_recovery_is_read_with_a_journal_not_replayed_warning_and_a_checksum_warning()
    {
        // needs_recovery (incompat 0x4) is the normal state of a crash-consistent snapshot. Patching the
        // superblock also breaks its metadata_csum checksum, which must be reported, not fatal.
        var image = images.Patched(images.Ext4, s => WriteUInt32(s, SuperblockOffset + 0x60, ReadUInt32(s, SuperblockOffset + 0x60) | 0x4));
        using var device = FileBlockDevice.Open(image);
        using var fs = await Ext4FileSystem.OpenAsync(device);
        Assert.Contains(fs.Warnings, w => w.Contains("journal needs recovery; not replayed", StringComparison.Ordinal));
        Assert.Contains(fs.Warnings, w => w.Contains("checksum", StringComparison.Ordinal));
        Assert.NotEmpty(await FileSystemWalk.WalkAsync(fs));
    }

    [Fact]
    public async Task Recorded_errors_are_a_warning()
    {
        // s_state (0x3A) with EXT4_ERROR_FS (0x2): the kernel saw corruption and nobody ran e2fsck since.
        var image = images.Patched(images.Ext4, s => WriteUInt16(s, SuperblockOffset + 0x3A, 0x3));
        using var device = FileBlockDevice.Open(image);
        using var fs = await Ext4FileSystem.OpenAsync(device);
        Assert.Contains(fs.Warnings, w => w.Contains("recorded errors", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_untouched_image_has_no_warnings_so_the_checksum_check_is_real()
    {
        using var device = FileBlockDevice.Open(images.Ext4);
        using var fs = await Ext4FileSystem.OpenAsync(device);
        Assert.Empty(fs.Warnings);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(1L << 40)]
    public void Inode_numbers_outside_the_table_are_rejected(long inode)
    {
        // Inode 0 does not exist; numbers above s_inodes_count would index past the last group (go-ext4#5).
        Assert.Contains("inode number", HostileInput.Rejects(Opening(images.Ext4, async (fs, ct) => await fs.GetNodeAsync(inode, ct))).Message);
    }

    [Fact]
    public void Probe_never_throws_on_short_or_random_input()
    {
        Assert.False(Ext4FileSystem.Probe([]));
        Assert.False(Ext4FileSystem.Probe(new byte[1100]));
        Assert.True(Ext4FileSystem.Probe(File.ReadAllBytes(images.Ext4).AsSpan(0, 2048)));
        // Random bytes, and a real superblock with random damage: the probe answers, never throws.
        var real = File.ReadAllBytes(images.Ext4).AsSpan(0, 2048).ToArray();
        Gen.Byte.Array[0, 4096].Sample(bytes => { Ext4FileSystem.Probe(bytes); });
        Gen.Select(Gen.Int[1024, 2047], Gen.Byte).Sample((at, value) =>
        {
            var copy = (byte[])real.Clone();
            copy[at] = value;
            Ext4FileSystem.Probe(copy);
        });
    }
}

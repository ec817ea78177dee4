using System.Globalization;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems.Xfs;
using Snapsight.Disk.Tests.Support;
using static Snapsight.Disk.Tests.FileSystems.Xfs.XfsCraft;

namespace Snapsight.Disk.Tests.FileSystems.Xfs;

/// <summary>
/// Valid structures mkfs.xfs cannot make from a prototype file (it copies each file into one
/// contiguous extent and never leaves a log dirty), written into a real image and confirmed by
/// xfs_db / xfs_logprint before our reader is checked against them.
/// </summary>
public sealed class XfsCraftedImageTests(XfsHostileImage image) : IClassFixture<XfsHostileImage>
{
    [Fact]
    public async Task Btree_mapped_file_with_a_hole_and_an_unwritten_extent_reads_zeros_there()
    {
        // /data has one 5-block extent. Re-map it through a bmbt leaf in the last (free) block:
        // blocks 0–1 mapped, block 2 unwritten (zeros), block 3 a hole (zeros), block 4 mapped.
        var bytes = image.Copy();
        var (dataStart, dataOffset) = image.FirstExtent("/data");
        var (leaf, leafOffset) = image.LastBlock();
        WriteBtreeRoot(bytes, image.Data.Offset, 1, 1, [(0, leaf)], 3);
        WriteBmbtBlock(bytes, leafOffset, 4096, 0, image.Data.Inode, null,
            [(0, dataStart, 2, false), (2, dataStart + 2, 1, true), (4, dataStart + 4, 1, false)]);

        using var temp = new TempDirectory();
        var path = temp.File("btree.img");
        await File.WriteAllBytesAsync(path, bytes);
        var oracle = XfsTestImage.XfsDb(path, false, $"inode {image.Data.Inode}", "p core.format core.nextents v3.crc", "bmap");
        Assert.Contains("core.format = 3 (btree)", oracle, StringComparison.Ordinal);
        Assert.Contains("core.nextents = 3", oracle, StringComparison.Ordinal);
        Assert.Contains("(correct)", oracle, StringComparison.Ordinal);
        Assert.Contains("data offset 2 startblock", oracle, StringComparison.Ordinal);
        Assert.Contains("count 1 flag 1", oracle, StringComparison.Ordinal);

        var expected = image.Bytes.AsSpan((int)dataOffset, 5 * 4096).ToArray();
        expected.AsSpan(2 * 4096, 2 * 4096).Clear();
        using var device = new MemoryBlockDevice(bytes);
        using var fs = await XfsFileSystem.OpenAsync(device);
        await using var stream = await fs.OpenReadAsync((long)image.Data.Inode);
        var actual = new byte[5 * 4096];
        await stream.ReadExactlyAsync(actual);
        Assert.Equal(expected, actual);
        Assert.Empty(fs.Warnings);
    }

    [Fact]
    public async Task A_log_without_an_unmount_record_is_reported_as_not_replayed()
    {
        // mkfs leaves one unmount record at the start of the log (header in basic block 0, its
        // operation header in basic block 1). Clearing XLOG_UNMOUNT_TRANS (0x20) in oh_flags
        // makes the last record an ordinary one: a log that was not cleanly unmounted.
        var bytes = image.Copy();
        var logStart = image.Sb("logstart");
        var linear = ((logStart >> (int)image.Sb("agblklog")) * image.Sb("agblocks")) + (logStart & ((1L << (int)image.Sb("agblklog")) - 1));
        var opFlags = (linear * image.Sb("blocksize")) + 512 + 9;
        Assert.NotEqual(0, bytes[opFlags] & 0x20);
        bytes[opFlags] &= unchecked((byte)~0x20);

        using var temp = new TempDirectory();
        var path = temp.File("dirty.img");
        await File.WriteAllBytesAsync(path, bytes);
        Assert.Contains("<CLEAN>", Tool.Run("xfs_logprint", "-t", image.ImagePath), StringComparison.Ordinal);
        Assert.DoesNotContain("<CLEAN>", Tool.Run("xfs_logprint", "-t", path), StringComparison.Ordinal);

        using var device = new MemoryBlockDevice(bytes);
        using var fs = await XfsFileSystem.OpenAsync(device);
        Assert.Contains(fs.Warnings, w => w.StartsWith("log not replayed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hard_link_made_by_xfs_db_is_one_node_under_two_names()
    {
        // Prototype files cannot express hard links; xfs_db's expert mode can: point /shortform/f1
        // at f0's inode and give that inode two links (xfs_db rewrites the CRCs).
        using var temp = new TempDirectory();
        var path = temp.File("linked.img");
        await File.WriteAllBytesAsync(path, image.Bytes);
        var f0 = XfsTestImage.XfsDb(path, false, "path /shortform/f0", "inode").Split(' ')[^1].Trim();
        XfsTestImage.XfsDb(path, true, "path /shortform", $"write u3.sfdir3.list[1].inumber.i4 {f0}", $"inode {f0}", "write core.nlinkv2 2");
        Assert.Contains($"current inode number is {f0}", XfsTestImage.XfsDb(path, false, "path /shortform/f1", "inode"), StringComparison.Ordinal);

        using var device = FileBlockDevice.Open(path);
        using var fs = await XfsFileSystem.OpenAsync(device);
        var walked = await XfsTreeWalker.WalkAsync(fs);
        var (first, second) = (walked["/shortform/f0"], walked["/shortform/f1"]);
        Assert.Equal(long.Parse(f0, CultureInfo.InvariantCulture), first.Node.Id);
        Assert.Equal(first.Node, second.Node);
        Assert.Equal(2, first.Node.LinkCount);
        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Empty(fs.Warnings);
    }

    [Fact]
    public async Task A_one_tebibyte_sparse_file_reads_its_data_then_zeros()
    {
        // di_size of /data raised to 1 TiB + 5 by xfs_db: everything past the 5 mapped blocks is a hole.
        using var temp = new TempDirectory();
        var path = temp.File("large.img");
        await File.WriteAllBytesAsync(path, image.Bytes);
        const long size = (1L << 40) + 5;
        XfsTestImage.XfsDb(path, true, $"inode {image.Data.Inode}", $"write core.size {size}");
        Assert.Equal(size.ToString(CultureInfo.InvariantCulture), XfsTestImage.Fields(XfsTestImage.XfsDb(path, false, $"inode {image.Data.Inode}", "p core.size"))["core.size"]);

        using var device = FileBlockDevice.Open(path);
        using var fs = await XfsFileSystem.OpenAsync(device);
        Assert.Equal(size, (await fs.GetNodeAsync((long)image.Data.Inode)).Size);
        await using var stream = await fs.OpenReadAsync((long)image.Data.Inode);
        Assert.Equal(size, stream.Length);
        var head = new byte[5 * 4096];
        await stream.ReadExactlyAsync(head);
        Assert.Equal(image.Bytes.AsSpan((int)image.FirstDataBlockOffset("/data"), head.Length).ToArray(), head);
        stream.Position = size - 4096;
        var tail = new byte[4096];
        await stream.ReadExactlyAsync(tail);
        Assert.All(tail, b => Assert.Equal(0, b));
        Assert.Equal(0, await stream.ReadAsync(tail));
    }

    [Fact]
    public async Task A_realtime_file_is_reported_as_unsupported()
    {
        // XFS_DIFLAG_REALTIME (di_flags bit 0, set with xfs_db) puts the data on a realtime
        // device we do not have: metadata stays readable, opening the data names the feature.
        using var temp = new TempDirectory();
        var path = temp.File("realtime.img");
        await File.WriteAllBytesAsync(path, image.Bytes);
        XfsTestImage.XfsDb(path, true, $"inode {image.Data.Inode}", "write core.realtime 1");

        using var device = FileBlockDevice.Open(path);
        using var fs = await XfsFileSystem.OpenAsync(device);
        Assert.Equal(5 * 4096, (await fs.GetNodeAsync((long)image.Data.Inode)).Size);
        var error = await Assert.ThrowsAsync<UnsupportedFeatureException>(async () => await fs.OpenReadAsync((long)image.Data.Inode));
        Assert.Equal(["realtime"], error.Features);
    }

    [Fact]
    public async Task A_version_1_inode_on_v4_takes_its_link_count_from_di_onlink()
    {
        // mkfs.xfs now writes version 2 cores on v4; xfs_db turns one back into version 1, whose
        // 16-bit di_onlink (offset 0x06, "nlinkv1" in xfs_db) holds the link count.
        using var temp = new TempDirectory();
        var tree = temp.File("tree");
        Directory.CreateDirectory(tree);
        await File.WriteAllTextAsync(Path.Combine(tree, "old"), "version one");
        var path = temp.File("v4.img");
        XfsTestImage.Make(path, tree, 64, "-m", "crc=0");
        var inode = XfsTestImage.XfsDb(path, false, "path /old", "inode").Split(' ')[^1].Trim();
        XfsTestImage.XfsDb(path, true, $"inode {inode}", "write core.version 1", "write core.nlinkv1 3");
        var oracle = XfsTestImage.Fields(XfsTestImage.XfsDb(path, false, $"inode {inode}", "p core.version core.nlinkv1 core.size"));
        Assert.Equal("1", oracle["core.version"]);

        using var device = FileBlockDevice.Open(path);
        using var fs = await XfsFileSystem.OpenAsync(device);
        var entry = await fs.FindEntryAsync(fs.RootNode, "old");
        var node = await fs.GetNodeAsync(entry!.Value.Node);
        Assert.Equal(long.Parse(oracle["core.nlinkv1"], CultureInfo.InvariantCulture), node.LinkCount);
        Assert.Equal(long.Parse(oracle["core.size"], CultureInfo.InvariantCulture), node.Size);
        await using var stream = await fs.OpenReadAsync(node.Id);
        Assert.Equal("version one", await new StreamReader(stream).ReadToEndAsync());
    }

    [Fact]
    public async Task Needsrepair_opens_with_a_warning()
    {
        // sb_features_incompat |= XFS_SB_FEAT_INCOMPAT_NEEDSREPAIR (0x10): readable, but flagged.
        var bytes = image.Copy();
        bytes[0xDB] |= 0x10;
        using var device = new MemoryBlockDevice(bytes);
        using var fs = await XfsFileSystem.OpenAsync(device);
        Assert.Contains(fs.Warnings, w => w.StartsWith("needsrepair", StringComparison.Ordinal));
        Assert.Contains(fs.Warnings, w => w.StartsWith("superblock CRC32C mismatch", StringComparison.Ordinal));
        Assert.Equal(image.Sb("rootino").ToString(CultureInfo.InvariantCulture), fs.RootNode.ToString(CultureInfo.InvariantCulture));
    }
}

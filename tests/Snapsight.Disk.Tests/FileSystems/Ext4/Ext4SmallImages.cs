using System.Buffers.Binary;
using System.Text.RegularExpressions;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Ext4;

/// <summary>
/// Small real images (mkfs -d; ext4 with an htree directory, ext2, inline data) that tests read and
/// hostile tests copy and patch. Offsets come from debugfs
/// (imap, blocks, stat) and the kernel's documented layouts, never from our own parser.
/// </summary>
public sealed partial class Ext4SmallImages : IDisposable
{
    public const int BlockSize = 4096;
    public const int SuperblockOffset = 1024;

    private readonly TempDirectory _temp = new();

    public Ext4SmallImages()
    {
        var tree = Tree = _temp.File("tree");
        Ext4SourceTree.Build(tree, """
            set -e
            mkdir -p dir/sub
            printf 'hello' > dir/sub/file
            printf 'x' > dir/second
            head -c 10000 /dev/urandom > plain
            # Data in every other block: 12 extents, more than the 4 that fit in i_block, so depth 1.
            for i in 0 2 4 6 8 10 12 14 16 18 20 22; do head -c 4096 /dev/urandom | dd of=fragmented bs=4096 seek=$i conv=notrunc status=none; done
            head -c 300000 /dev/urandom > indirect
            printf 'short inline content' > inline
            mkdir many
            for i in $(seq 1 400); do : > "many/entry_number_$i"; done
            """);
        Ext4 = Make(tree, "ext4.img", "mkfs.ext4", "-b", "4096");
        // Index /many as a hash tree (mke2fs -d writes directories linearly); exit 1 means "changed".
        Tool.Run("bash", "-c", "e2fsck -fyD \"$1\" >/dev/null 2>&1 || [ $? -le 1 ]", "e2fsck", Ext4);
        Ext2 = Make(tree, "ext2.img", "mkfs.ext2", "-b", "1024");
        Inline = Make(tree, "inline.img", "mkfs.ext4", "-b", "4096", "-O", "inline_data");
    }

    public string Tree { get; }

    public string Ext4 { get; }

    public string Ext2 { get; }

    public string Inline { get; }

    /// <summary>A fresh copy of <paramref name="image"/> with <paramref name="patch"/> applied.</summary>
    public string Patched(string image, Action<FileStream> patch)
    {
        var copy = _temp.File($"patched-{Guid.NewGuid():N}.img");
        File.Copy(image, copy);
        using var stream = new FileStream(copy, FileMode.Open, FileAccess.ReadWrite);
        patch(stream);
        return copy;
    }

    /// <summary>The device offset of an inode, from <c>debugfs imap</c>.</summary>
    public static long InodeOffset(string image, string path)
    {
        var output = Tool.Run("debugfs", "-R", $"imap {path}", image);
        var match = ImapPattern().Match(output);
        Assert.True(match.Success, output);
        return long.Parse(match.Groups[1].Value) * BlockSizeOf(image) + Convert.ToInt64(match.Groups[2].Value, 16);
    }

    /// <summary>The inode number of a path, from <c>debugfs stat</c>.</summary>
    public static long InodeNumber(string image, string path)
    {
        var match = InodePattern().Match(Tool.Run("debugfs", "-R", $"stat {path}", image));
        return long.Parse(match.Groups[1].Value);
    }

    /// <summary>The first block <c>debugfs blocks</c> lists for a path.</summary>
    public static long FirstBlock(string image, string path) =>
        long.Parse(Tool.Run("debugfs", "-R", $"blocks {path}", image).Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]);

    public static int BlockSizeOf(string image) => image.EndsWith("ext2.img", StringComparison.Ordinal) ? 1024 : BlockSize;

    public static void WriteUInt16(FileStream stream, long offset, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        stream.Position = offset;
        stream.Write(bytes);
    }

    public static void WriteUInt32(FileStream stream, long offset, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        stream.Position = offset;
        stream.Write(bytes);
    }

    public static uint ReadUInt32(FileStream stream, long offset)
    {
        Span<byte> bytes = stackalloc byte[4];
        stream.Position = offset;
        stream.ReadExactly(bytes);
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    public void Dispose() => _temp.Dispose();

    private string Make(string tree, string name, string mkfs, params string[] options)
    {
        var image = _temp.File(name);
        Tool.Run("truncate", "-s", "8M", image);
        Tool.Run(mkfs, ["-q", "-F", .. options, "-d", tree, image], null, null);
        return image;
    }

    [GeneratedRegex(@"located at block (\d+), offset 0x([0-9a-fA-F]+)")]
    private static partial Regex ImapPattern();

    [GeneratedRegex(@"Inode: (\d+)")]
    private static partial Regex InodePattern();
}

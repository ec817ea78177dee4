using System.Globalization;
using System.Text.RegularExpressions;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Xfs;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Xfs;

/// <summary>
/// A small real v5 image (mkfs.xfs) to patch bytes into, with the device offsets of the
/// structures the hostile cases damage, found by xfs_db ("convert inode N byte", "path").
/// </summary>
public sealed partial class XfsHostileImage : IDisposable
{
    private readonly TempDirectory _directory = new();

    public XfsHostileImage()
    {
        var tree = _directory.File("tree");
        Directory.CreateDirectory(Path.Combine(tree, "shortform"));
        Directory.CreateDirectory(Path.Combine(tree, "block"));
        for (var i = 0; i < 3; i++)
        {
            File.WriteAllText(Path.Combine(tree, "shortform", $"f{i}"), "x");
        }

        for (var i = 0; i < 40; i++)
        {
            File.WriteAllText(Path.Combine(tree, "block", $"file-number-{i:000}"), "y");
        }

        // Enough names for a node directory: a da node at the leaf offset above leaf blocks.
        Directory.CreateDirectory(Path.Combine(tree, "node"));
        for (var i = 0; i < 1000; i++)
        {
            File.WriteAllBytes(Path.Combine(tree, "node", $"a-node-directory-entry-{i:0000}"), []);
        }

        File.WriteAllBytes(Path.Combine(tree, "data"), Enumerable.Range(0, 5 * 4096).Select(i => (byte)(i * 7)).ToArray());
        File.CreateSymbolicLink(Path.Combine(tree, "link"), "data");
        ImagePath = _directory.File("hostile.img");
        XfsTestImage.Make(ImagePath, tree, 64);
        Bytes = File.ReadAllBytes(ImagePath);
        Data = Locate("/data");
        Link = Locate("/link");
        Shortform = Locate("/shortform");
        Block = Locate("/block");
        Node = Locate("/node");
        Root = Locate("/");
        Superblock = XfsTestImage.Fields(XfsTestImage.XfsDb(ImagePath, false, "sb 0", "p"));
    }

    /// <summary>xfs_db's view of the superblock ("agblocks", "agblklog", "dblocks", "logstart" …).</summary>
    public IReadOnlyDictionary<string, string> Superblock { get; }

    public long Sb(string field) => long.Parse(Superblock[field], CultureInfo.InvariantCulture);

    /// <summary>The packed file system block number and the device offset of the file system's last block (free in a fresh image).</summary>
    public (ulong FsBlock, long Offset) LastBlock()
    {
        var linear = Sb("dblocks") - 1;
        var ag = linear / Sb("agblocks");
        var fsBlock = ((ulong)ag << (int)Sb("agblklog")) | (ulong)(linear % Sb("agblocks"));
        return (fsBlock, linear * Sb("blocksize"));
    }

    public string ImagePath { get; }

    /// <summary>The pristine image; tests copy it before patching.</summary>
    public byte[] Bytes { get; }

    public (ulong Inode, long Offset) Data { get; }
    public (ulong Inode, long Offset) Link { get; }
    public (ulong Inode, long Offset) Shortform { get; }
    public (ulong Inode, long Offset) Block { get; }
    public (ulong Inode, long Offset) Node { get; }
    public (ulong Inode, long Offset) Root { get; }

    public byte[] Copy() => (byte[])Bytes.Clone();

    /// <summary>The device offset of the first block of a path's first extent, from xfs_db's bmap.</summary>
    public long FirstDataBlockOffset(string path) => FirstExtent(path).Offset;

    /// <summary>The packed block number and device offset of a path's first extent, from xfs_db's bmap.</summary>
    public (ulong FsBlock, long Offset) FirstExtent(string path) => ExtentAt(path, 0);

    /// <summary>The device offset of the block at <paramref name="fileBlock"/> of a path, from xfs_db's bmap (it must start an extent).</summary>
    public long BlockOffset(string path, long fileBlock) => ExtentAt(path, fileBlock).Offset;

    private (ulong FsBlock, long Offset) ExtentAt(string path, long fileBlock)
    {
        var bmap = XfsTestImage.XfsDb(ImagePath, false, $"path {path}", "bmap");
        var match = BmapLine().Matches(bmap).FirstOrDefault(m => m.Groups[0].Value.Contains($"offset {fileBlock} ", StringComparison.Ordinal)) ?? Match.Empty;
        Assert.True(match.Success, bmap);
        var geometry = XfsTestImage.Fields(XfsTestImage.XfsDb(ImagePath, false, "sb 0", "p agblocks blocksize"));
        var ag = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var agBlock = long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var offset = ((ag * long.Parse(geometry["agblocks"], CultureInfo.InvariantCulture)) + agBlock) * long.Parse(geometry["blocksize"], CultureInfo.InvariantCulture);
        return (((ulong)ag << (int)Sb("agblklog")) | (ulong)agBlock, offset);
    }

    /// <summary>Opens the patched bytes and reads everything reachable, as a scan would.</summary>
    public static async Task OpenAndWalkAsync(byte[] image, CancellationToken ct)
    {
        using var device = new MemoryBlockDevice(image);
        using var fs = await XfsFileSystem.OpenAsync(device, ct);
        var walked = await XfsTreeWalker.WalkAsync(fs, strict: false);
        foreach (var path in walked.Keys)
        {
            var cut = path.LastIndexOf('/');
            var parent = cut == 0 ? fs.RootNode : walked[path[..cut]].Node.Id;
            await fs.FindEntryAsync(parent, path[(cut + 1)..], ct);
        }
    }

    public void Dispose() => _directory.Dispose();

    private (ulong Inode, long Offset) Locate(string path)
    {
        var output = XfsTestImage.XfsDb(ImagePath, false, $"path {path}", "inode");
        var inode = ulong.Parse(InodeLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var converted = XfsTestImage.XfsDb(ImagePath, false, $"convert inode {inode} byte");
        var offset = long.Parse(ConvertLine().Match(converted).Groups[1].Value, CultureInfo.InvariantCulture);
        return (inode, offset);
    }

    [GeneratedRegex(@"current inode number is (\d+)")]
    private static partial Regex InodeLine();

    [GeneratedRegex(@"\((\d+)\)")]
    private static partial Regex ConvertLine();

    [GeneratedRegex(@"offset \d+ startblock \d+ \((\d+)/(\d+)\)")]
    private static partial Regex BmapLine();
}

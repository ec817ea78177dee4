using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Xfs;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Xfs;

/// <summary>
/// Real mkfs.xfs images of one source tree, in each on-disk variant we support, walked
/// completely and compared with the source tree (find/stat/SHA-256) and with xfs_db.
/// </summary>
public sealed class XfsOracleTests(XfsSourceTreeFixture source) : IClassFixture<XfsSourceTreeFixture>
{
    public static TheoryData<string, string[]> Variants => new()
    {
        { "v5", [] },
        { "v4", ["-m", "crc=0"] },
        { "v4-no-ftype", ["-m", "crc=0", "-n", "ftype=0"] },
        { "v5-4k-sectors", ["-s", "size=4096"] },
        { "v5-1k-blocks", ["-b", "size=1024"] },
        { "v5-nrext64", ["-i", "nrext64=1"] },
        { "v5-no-bigtime", ["-m", "bigtime=0"] },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Every_path_matches_the_source_tree(string variant, string[] mkfsOptions)
    {
        using var temp = new TempDirectory();
        var image = temp.File(variant + ".img");
        var tree = XfsTestImage.Make(image, source.Root, 300, mkfsOptions);

        using var device = FileBlockDevice.Open(image);
        using var fs = await XfsFileSystem.OpenAsync(device);
        var walked = await XfsTreeWalker.WalkAsync(fs);

        Assert.Equal(tree.Keys.Order(StringComparer.Ordinal), walked.Keys.Order(StringComparer.Ordinal));
        var hasFileType = !mkfsOptions.Contains("ftype=0");
        foreach (var (path, expected) in tree)
        {
            var actual = walked[path];
            Assert.True(Matches(expected, actual, hasFileType, out var why), $"{variant} {path}: {why}");
        }

        var root = await fs.GetNodeAsync(fs.RootNode);
        Assert.Equal((FileType.Directory, 0x1ED, 0L, 0L), (root.Type, root.Permissions, root.Uid, root.Gid));
        // mkfs.xfs 6.1 writes v5 remote symlinks without their XSLM header (xfs_repair flags it too); nothing else may warn.
        Assert.All(fs.Warnings, w => Assert.Contains("no XSLM header", w, StringComparison.Ordinal));
        await CheckLookupsAsync(fs, walked);
        await CheckLookupCostAsync(fs, device.Statistics);
        SpotCheckWithXfsDb(image, walked);
        CheckDirectoryFormats(image, variant);
    }

    private static bool Matches(SourceEntry expected, WalkedEntry actual, bool hasFileType, out string why)
    {
        var node = actual.Node;
        var type = expected.Type switch
        {
            'f' => FileType.File,
            'd' => FileType.Directory,
            'l' => FileType.Symlink,
            'c' => FileType.CharDevice,
            'b' => FileType.BlockDevice,
            'p' => FileType.Fifo,
            _ => FileType.Unknown,
        };
        why = (node.Type, node.Permissions, node.Uid, node.Gid) != (type, expected.Permissions, expected.Uid, expected.Gid)
            ? $"type/mode/uid/gid {node.Type} {node.OctalPermissions} {node.Uid} {node.Gid}, expected {type} {Convert.ToString(expected.Permissions, 8)} {expected.Uid} {expected.Gid}"
            : type is FileType.File or FileType.Symlink && node.Size != expected.Size ? $"size {node.Size}, expected {expected.Size}"
            : actual.Target != expected.Target ? $"target {actual.Target}, expected {expected.Target}"
            : actual.Sha256 != expected.Sha256 ? "content differs"
            : (node.DeviceMajor, node.DeviceMinor) != (expected.Major, expected.Minor) ? $"device {node.DeviceMajor}:{node.DeviceMinor}, expected {expected.Major}:{expected.Minor}"
            : actual.HintedType != (hasFileType ? type : FileType.Unknown) ? $"directory entry type {actual.HintedType}"
            : "";
        return why.Length == 0;
    }

    /// <summary>Every name found by hash lookup in its parent is the entry the listing gave; absent names are absent.</summary>
    private static async Task CheckLookupsAsync(IFileSystem fs, Dictionary<string, WalkedEntry> walked)
    {
        foreach (var (path, entry) in walked)
        {
            var cut = path.LastIndexOf('/');
            var parent = cut == 0 ? fs.RootNode : walked[path[..cut]].Node.Id;
            var found = await fs.FindEntryAsync(parent, path[(cut + 1)..]);
            Assert.True(found is { } f && f.Node == entry.Node.Id && f.Type == entry.HintedType, $"lookup of {path} gave {found}");
            if (entry.Node.Type == FileType.Directory)
            {
                Assert.Null(await fs.FindEntryAsync(entry.Node.Id, "no-such-name"));
                Assert.Null(await fs.FindEntryAsync(entry.Node.Id, "entry-with-a-longish-name-99999"));
            }
        }
    }

    /// <summary>A lookup in the 5,000-entry directory reads a handful of blocks, not the directory.</summary>
    private static async Task CheckLookupCostAsync(IFileSystem fs, ReadStatistics statistics)
    {
        var node = (await fs.FindEntryAsync(fs.RootNode, "node"))!.Value.Node;
        var before = statistics.BytesRead;
        Assert.NotNull(await fs.FindEntryAsync(node, "entry-with-a-longish-name-02500"));
        var cost = statistics.BytesRead - before;
        Assert.True(cost < 32 * 1024, $"the lookup read {cost} bytes");
    }

    /// <summary>xfs_db reads inode number, size, mode and owners of a sample of paths independently.</summary>
    private static void SpotCheckWithXfsDb(string image, Dictionary<string, WalkedEntry> walked)
    {
        string[] sample = ["/files/one-mebibyte", "/files/sparse", "/links/long", "/modes/setuid", "/modes/sticky",
            "/modes/owned-70000", "/dev/loop7", "/node/entry-with-a-longish-name-04999", "/btree/entry-with-a-longish-name-02999"];
        foreach (var path in sample)
        {
            var output = XfsTestImage.XfsDb(image, false, $"path {path}", "inode", "p core.size core.mode core.uid core.gid");
            var fields = XfsTestImage.Fields(output);
            var node = walked[path].Node;
            Assert.Contains($"current inode number is {node.Id}", output, StringComparison.Ordinal);
            var format = node.Type switch
            {
                FileType.File => 0x8000,
                FileType.Directory => 0x4000,
                FileType.Symlink => 0xA000,
                FileType.CharDevice => 0x2000,
                FileType.BlockDevice => 0x6000,
                _ => 0,
            };
            Assert.Equal(fields["core.mode"], "0" + Convert.ToString(format | node.Permissions, 8));
            Assert.Equal(fields["core.uid"], node.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(fields["core.gid"], node.Gid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (node.Type != FileType.BlockDevice)
            {
                Assert.Equal(fields["core.size"], node.Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>Proves the tree exercised each directory format, as xfs_db sees it.</summary>
    private static void CheckDirectoryFormats(string image, string variant)
    {
        string Format(string path) => XfsTestImage.Fields(XfsTestImage.XfsDb(image, false, $"path {path}", "p core.format"))["core.format"];
        Assert.StartsWith("1", Format("/small"), StringComparison.Ordinal);
        Assert.StartsWith("2", Format("/block"), StringComparison.Ordinal);
        // Leaf and node directories are extent-mapped, or B+tree-mapped when their blocks are scattered.
        Assert.Matches("^[23] ", Format("/leaf"));
        Assert.Matches("^[23] ", Format("/node"));
        Assert.True(Format("/btree").StartsWith('3'), $"{variant}: /btree is {Format("/btree")}, not btree");
    }
}

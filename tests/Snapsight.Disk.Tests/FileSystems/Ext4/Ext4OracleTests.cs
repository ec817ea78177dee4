using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Ext4;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Ext4;

/// <summary>The source tree, built once for all variants (building 3000 files takes a moment).</summary>
public sealed class Ext4SourceTreeFixture : IDisposable
{
    private readonly TempDirectory _temp = new();

    public Ext4SourceTreeFixture()
    {
        Tree = _temp.File("tree");
        Ext4SourceTree.Build(Tree, Ext4SourceTree.FullTreeScript);
        Expected = Ext4SourceTree.Describe(Tree);
    }

    public string Tree { get; }

    public Dictionary<string, SourceEntry> Expected { get; }

    public void Dispose() => _temp.Dispose();
}

/// <summary>
/// Builds the same source tree into each ext2/3/4 flavour with mkfs -d, walks it with our
/// reader, and compares everything with the source tree (find, stat, sha256 of the source files)
/// and the path → inode listing with The Sleuth Kit's fls.
/// </summary>
public sealed class Ext4OracleTests(Ext4SourceTreeFixture fixture) : IClassFixture<Ext4SourceTreeFixture>
{
    private const string VolumeUuid = "8c2f6d0e-3b1a-4f5e-9d7c-0a1b2c3d4e5f";

    public static TheoryData<string, string, string[]> Variants => new()
    {
        // mke2fs picks 1 KiB blocks for a 64 MiB volume unless told otherwise.
        { "ext4 defaults (64bit, extents, flex_bg, metadata_csum)", "mkfs.ext4", ["-b", "4096"] },
        { "ext4 with 32-bit group descriptors", "mkfs.ext4", ["-b", "4096", "-O", "^64bit"] },
        { "ext4 with inline data", "mkfs.ext4", ["-b", "4096", "-O", "inline_data"] },
        { "ext4 with 1 KiB blocks", "mkfs.ext4", ["-b", "1024"] },
        { "ext4 with 2 KiB blocks, no flex_bg", "mkfs.ext4", ["-b", "2048", "-O", "^flex_bg"] },
        { "ext4 with 64 KiB blocks", "mkfs.ext4", ["-b", "65536", "-N", "8192"] },
        { "ext4 with bigalloc (64 KiB clusters)", "mkfs.ext4", ["-b", "4096", "-O", "bigalloc", "-C", "65536", "-N", "8192"] },
        { "ext4 with 128-byte inodes", "mkfs.ext4", ["-b", "4096", "-I", "128"] },
        { "ext4 with meta_bg", "mkfs.ext4", ["-O", "meta_bg,^resize_inode"] },
        { "ext3 (indirect blocks, journal)", "mkfs.ext3", ["-b", "4096"] },
        { "ext2 with 1 KiB blocks (double and triple indirect)", "mkfs.ext2", ["-b", "1024"] },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Every_path_matches_the_source_tree_and_the_sleuth_kit(string variant, string mkfs, string[] options)
    {
        using var temp = new TempDirectory();
        var image = temp.File("fs.img");
        Tool.Run("truncate", "-s", "64M", image);
        Tool.Run(mkfs, ["-q", "-F", "-U", VolumeUuid, "-L", "oracle", .. options, "-d", fixture.Tree, image], null, null);
        // mke2fs -d writes every directory linearly; e2fsck -D rebuilds large ones as hash trees (exit 1 = changed).
        Tool.Run("bash", "-c", "e2fsck -fyD \"$1\" >/dev/null 2>&1 || [ $? -le 1 ]", "e2fsck", image);
        Assert.Contains("Root node dump", Tool.Run("debugfs", "-R", "htree /big", image));

        using var device = FileBlockDevice.Open(image);
        using var fs = await Ext4FileSystem.OpenAsync(device);
        Assert.Equal(VolumeUuid, fs.Uuid);
        Assert.Equal("oracle", fs.Label);
        Assert.Equal(Tool.Run("blkid", "-p", "-o", "value", "-s", "TYPE", image).Trim(), fs.Type);

        var walked = await FileSystemWalk.WalkAsync(fs);
        Assert.Equal(TreeComparison.DescribeSource(fixture.Tree, fixture.Expected), await TreeComparison.DescribeOursAsync(fs, walked));
        Assert.Empty(fs.Warnings); // after the walk: every inode, descriptor, extent and directory checksum matched

        // Every name is found again by lookup (through the hash tree where there is one), and a missing one is not.
        foreach (var entry in walked.Values)
        {
            var slash = entry.Path.LastIndexOf('/');
            var parent = slash < 0 ? fs.RootNode : walked[entry.Path[..slash]].Node.Id;
            Assert.Equal(entry.Entry, await fs.FindEntryAsync(parent, entry.Path[(slash + 1)..]));
        }

        Assert.Null(await fs.FindEntryAsync(walked["big"].Node.Id, "file_with_a_longish_name_3001"));
        Assert.All(walked.Values, e => Assert.True(e.Entry.Type == e.Node.Type, $"{variant}: {e.Path}: entry says {e.Entry.Type}, inode says {e.Node.Type}"));

        // Hard links: paths sharing a source inode share one ext4 inode, and nothing else does.
        foreach (var group in fixture.Expected.Values.Where(e => e.Type != 'd').GroupBy(e => e.SourceInode).Where(g => g.Count() > 1))
        {
            Assert.Single(group.Select(e => walked[e.Path].Node.Id).Distinct());
            Assert.All(group, e => Assert.Equal(group.Count(), walked[e.Path].Node.LinkCount));
        }

        // Path → inode: debugfs (e2fsprogs) lists every directory and must agree exactly. The Sleuth
        // Kit 4.11 must agree on everything outside big/: inside it, it cannot read directories whose
        // extent tree has several leaves, and it lists htree index blocks as entries with names and
        // inode numbers made of hash bytes ("big/^" = 20), so its view of big/ is no oracle.
        var ours = walked.Values.Select(e => KeyValuePair.Create(e.Path, e.Node.Id)).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var directories = walked.Values.Where(e => e.Node.Type == FileType.Directory).Select(e => (e.Path, e.Node.Id)).Append(("", fs.RootNode));
        Assert.Equal(FileSystemWalk.DebugfsListing(image, directories).OrderBy(p => p.Key, StringComparer.Ordinal), ours);
        static bool OutsideBig(KeyValuePair<string, long> p) => !p.Key.StartsWith("big/", StringComparison.Ordinal);
        if (!options.Contains("bigalloc"))
        {
            // TSK 4.11 does not recognise bigalloc volumes at all ("Cannot determine file system type").
            Assert.Equal(ours.Where(OutsideBig), FileSystemWalk.Fls(image).Where(OutsideBig).OrderBy(p => p.Key, StringComparer.Ordinal));
        }
    }
}

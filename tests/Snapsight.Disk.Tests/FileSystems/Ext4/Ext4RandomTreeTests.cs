using System.Text;
using CsCheck;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems.Ext4;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Ext4;

/// <summary>
/// Property: for random trees (files of edge and random sizes, directories, symlinks of any
/// length, hard links, random permission bits and owners, UTF-8 names) and a random mkfs
/// flavour, our walk equals what find/stat say about the source tree.
/// </summary>
public sealed class Ext4RandomTreeTests
{
    /// <summary>One planned entry; Parent and Link pick among earlier directories and files by modulo.</summary>
    public sealed record Planned(int Kind, string Name, int Parent, int Size, int Mode, int Owner, int Link);

    private static readonly string[][] Flavours =
    [
        ["mkfs.ext4", "-b", "4096"],
        ["mkfs.ext4", "-b", "1024", "-O", "^64bit"],
        ["mkfs.ext4", "-b", "4096", "-O", "inline_data"],
        ["mkfs.ext4", "-b", "2048", "-I", "128"],
        ["mkfs.ext3", "-b", "1024"],
        ["mkfs.ext2", "-b", "4096"],
    ];

    private static readonly long[] Owners = [0, 1000, 65535, 65536, 70000, 4_000_000];

    private static readonly Gen<string> Name =
        Gen.Char["abcXYZ019 _-.üé€日本"].Array[1, 24].Select(chars => new string(chars)).Where(n => n is not "." and not "..");

    private static readonly Gen<int> Size = Gen.OneOf(Gen.OneOfConst(0, 1, 59, 60, 61, 4095, 4096, 4097, 65536), Gen.Int[0, 300_000]);

    private static readonly Gen<Planned> Entry = Gen.Select(Gen.Int[0, 99], Name, Gen.Int[0, 1000], Size, Gen.Int[0, 0xFFF], Gen.Int[0, 35], Gen.Int[0, 1000])
        .Select((kind, name, parent, size, mode, owner, link) => new Planned(kind, name, parent, size, mode, owner, link));

    [Fact]
    public void Random_trees_read_back_exactly()
    {
        Gen.Select(Entry.Array[1, 40], Gen.Int[0, Flavours.Length - 1]).Sample((plan, flavour) =>
        {
            using var temp = new TempDirectory();
            var tree = temp.File("tree");
            Build(tree, plan);
            var image = temp.File("fs.img");
            Tool.Run("truncate", "-s", "32M", image);
            Tool.Run(Flavours[flavour][0], ["-q", "-F", .. Flavours[flavour][1..], "-d", tree, image], null, null);

            using var device = FileBlockDevice.Open(image);
            using var fs = Ext4FileSystem.OpenAsync(device).GetAwaiter().GetResult();
            var walked = FileSystemWalk.WalkAsync(fs).GetAwaiter().GetResult();
            var expected = TreeComparison.DescribeSource(tree, Ext4SourceTree.Describe(tree));
            Assert.Equal(expected, TreeComparison.DescribeOursAsync(fs, walked).GetAwaiter().GetResult());
            Assert.Empty(fs.Warnings);
        }, iter: 12, threads: 1);
    }

    /// <summary>Creates the planned entries (kind 0–49 file, 50–74 directory, 75–89 symlink, 90–99 hard link).</summary>
    private static void Build(string root, Planned[] plan)
    {
        Directory.CreateDirectory(root);
        var directories = new List<string> { root };
        var files = new List<string>();
        var script = new StringBuilder("set -e\n");
        var taken = new HashSet<string>(StringComparer.Ordinal); // hard links are made later by the script, so Path.Exists cannot see them yet
        var index = 0;
        foreach (var entry in plan)
        {
            var parent = directories[entry.Parent % directories.Count];
            var path = Path.Combine(parent, entry.Name);
            if (Path.Exists(path) || !taken.Add(path))
            {
                continue;
            }

            var owner = Owners[entry.Owner % Owners.Length];
            var group = Owners[entry.Owner / Owners.Length % Owners.Length];
            switch (entry.Kind)
            {
                case < 50:
                    var bytes = new byte[entry.Size];
                    new Random(index++).NextBytes(bytes);
                    File.WriteAllBytes(path, bytes);
                    files.Add(path);
                    break;
                case < 75:
                    Directory.CreateDirectory(path);
                    directories.Add(path);
                    break;
                case < 90:
                    File.CreateSymbolicLink(path, new string('t', 1 + (entry.Size % 200)) + entry.Name);
                    script.Append($"chown -h {owner}:{group} {Quote(path)}\n");
                    continue;
                default:
                    if (files.Count == 0)
                    {
                        continue;
                    }

                    script.Append($"ln {Quote(files[entry.Link % files.Count])} {Quote(path)}\n");
                    continue;
            }

            script.Append($"chown {owner}:{group} {Quote(path)}\nchmod {Convert.ToString(entry.Mode | (entry.Kind >= 50 ? 0x1C0 : 0), 8)} {Quote(path)}\n");
        }

        Tool.Run("bash", "-c", script.ToString());
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

using System.Text;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Xfs;

/// <summary>
/// Builds XFS images with the real mkfs.xfs from a prototype file, and reads them back with
/// xfs_db. mkfs.xfs refuses file systems under 300 MB unless its test-mode variables are set;
/// with them it also accepts the small images these tests use.
/// </summary>
public static class XfsTestImage
{
    private static readonly Dictionary<string, string> TestMode = new()
    {
        ["TEST_DIR"] = "/tmp",
        ["TEST_DEV"] = "/dev/null",
        ["QA_CHECK_FS"] = "1",
    };

    /// <summary>Makes <paramref name="image"/> (a sparse file of <paramref name="sizeMiB"/>) holding <paramref name="sourceRoot"/>.</summary>
    public static IReadOnlyDictionary<string, SourceEntry> Make(string image, string sourceRoot, int sizeMiB, params string[] mkfsOptions)
    {
        var tree = SourceTree.Read(sourceRoot);
        var proto = XfsProtoFile.FromTree(sourceRoot, tree);
        var protoPath = image + ".proto";
        File.WriteAllText(protoPath, proto.Text, new UTF8Encoding(false));
        using (var file = File.Create(image))
        {
            file.SetLength((long)sizeMiB << 20);
        }

        Tool.Run("mkfs.xfs", ["-q", "-f", .. mkfsOptions, "-p", protoPath, image], null, TestMode);
        foreach (var path in proto.StickyPaths)
        {
            // The prototype format has no sticky bit: set it the way xfs_db's expert mode does (it rewrites the CRC).
            var mode = Convert.ToString(0x4000 | tree[path].Permissions, 8);
            XfsDb(image, expert: true, $"path {path}", $"write core.mode 0{mode}");
        }

        return tree;
    }

    /// <summary>Runs xfs_db with one -c per command and returns its output.</summary>
    public static string XfsDb(string image, bool expert, params string[] commands)
    {
        var arguments = new List<string> { expert ? "-x" : "-r" };
        foreach (var command in commands)
        {
            arguments.Add("-c");
            arguments.Add(command);
        }

        arguments.Add(image);
        return Tool.Run("xfs_db", arguments, null, null);
    }

    /// <summary>Reads "name = value" lines printed by xfs_db's print command.</summary>
    public static Dictionary<string, string> Fields(string xfsDbOutput) =>
        xfsDbOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(" = ", 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0].Trim())
            .ToDictionary(g => g.Key, g => g.Last()[1].Trim());

    /// <summary>Decompresses a shared .gz image into <paramref name="directory"/>.</summary>
    public static string Gunzip(string gzPath, TempDirectory directory)
    {
        var target = directory.File(Path.GetFileNameWithoutExtension(gzPath));
        using var input = new System.IO.Compression.GZipStream(File.OpenRead(gzPath), System.IO.Compression.CompressionMode.Decompress);
        using var output = File.Create(target);
        input.CopyTo(output);
        return target;
    }
}

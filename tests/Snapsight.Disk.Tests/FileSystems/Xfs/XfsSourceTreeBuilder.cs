using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Xfs;

/// <summary>
/// Creates the source tree the oracle tests give mkfs.xfs: one directory sized for each
/// directory format (short-form, block, leaf, node, and a B+tree-mapped one whose blocks are
/// interleaved with its files' data), files at block-size edges, a sparse file, symlinks
/// stored inline and remotely, special modes and owners, device nodes, a fifo and UTF-8 names.
/// </summary>
public static class XfsSourceTreeBuilder
{
    public static void Build(string root)
    {
        var random = new Random(20260601);
        Directory.CreateDirectory(root);

        // Short-form: a handful of names fits in the inode.
        var small = Dir(root, "small");
        foreach (var name in new[] { "a", "bb", "ccc", "héllo-wörld-日本語" })
        {
            File.WriteAllText(Path.Combine(small, name), name);
        }

        Populate(Dir(root, "block"), 50, _ => []);        // one directory block
        Populate(Dir(root, "leaf"), 500, _ => []);        // data blocks + one leaf block
        Populate(Dir(root, "node"), 5000, _ => []);       // data blocks + node/leaf blocks
        // Each file's data block is allocated between the directory's own blocks, so the
        // directory ends up with more extents than its inode holds: B+tree format.
        Populate(Dir(root, "btree"), 3000, i => [(byte)i]);

        var files = Dir(root, "files");
        File.WriteAllBytes(Path.Combine(files, "empty"), []);
        File.WriteAllBytes(Path.Combine(files, "one-byte"), [42]);
        File.WriteAllBytes(Path.Combine(files, "4095"), Bytes(random, 4095));
        File.WriteAllBytes(Path.Combine(files, "4097"), Bytes(random, 4097));
        File.WriteAllBytes(Path.Combine(files, "one-mebibyte"), Bytes(random, 1 << 20));
        using (var sparse = File.Create(Path.Combine(files, "sparse")))
        {
            sparse.Position = 3 << 20;
            sparse.Write(Bytes(random, 5000));
            sparse.SetLength(5 << 20);
        }

        var links = Dir(root, "links");
        File.CreateSymbolicLink(Path.Combine(links, "short"), "../files/4095");
        File.CreateSymbolicLink(Path.Combine(links, "absolute"), "/etc/os-release");
        File.CreateSymbolicLink(Path.Combine(links, "long"), string.Join('/', Enumerable.Range(0, 60).Select(i => $"segment{i:00}")));

        var modes = Dir(root, "modes");
        Mode(NewFile(modes, "setuid"), "4755");
        Mode(NewFile(modes, "setgid"), "2750");
        Mode(Dir(modes, "sticky"), "1777");
        var owned = NewFile(modes, "owned-1000");
        Tool.Run("chown", "1000:1000", owned);
        var big = NewFile(modes, "owned-70000");
        Tool.Run("chown", "70000:70001", big);

        var devices = Dir(root, "dev");
        Tool.Run("mknod", Path.Combine(devices, "null"), "c", "1", "3");
        Tool.Run("mknod", Path.Combine(devices, "loop7"), "b", "7", "7");
        Tool.Run("mknod", Path.Combine(devices, "big-numbers"), "c", "250", "70000");
        Tool.Run("mkfifo", Path.Combine(devices, "fifo"));

        var deep = Path.Combine(root, "a", "b", "c", "d", "e");
        Directory.CreateDirectory(deep);
        File.WriteAllText(Path.Combine(deep, "leaf-file"), "deep");
    }

    private static void Populate(string directory, int count, Func<int, byte[]> content)
    {
        for (var i = 0; i < count; i++)
        {
            File.WriteAllBytes(Path.Combine(directory, $"entry-with-a-longish-name-{i:00000}"), content(i));
        }
    }

    private static string Dir(string parent, string name)
    {
        var path = Path.Combine(parent, name);
        Directory.CreateDirectory(path);
        return path;
    }

    private static string NewFile(string parent, string name)
    {
        var path = Path.Combine(parent, name);
        File.WriteAllText(path, name);
        return path;
    }

    private static void Mode(string path, string octal) => Tool.Run("chmod", octal, path);

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}

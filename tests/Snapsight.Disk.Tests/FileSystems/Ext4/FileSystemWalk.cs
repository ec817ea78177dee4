using System.Security.Cryptography;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Ext4;

/// <summary>One path of a walk: the directory's entry and the node's own stat.</summary>
public sealed record WalkedEntry(string Path, DirectoryEntry Entry, FileNode Node);

/// <summary>Walks an <see cref="IFileSystem"/> from the root, with a depth bound, and reads contents and links back.</summary>
public static class FileSystemWalk
{
    public static async Task<Dictionary<string, WalkedEntry>> WalkAsync(IFileSystem fileSystem, int maxDepth = 32, CancellationToken ct = default)
    {
        var result = new Dictionary<string, WalkedEntry>(StringComparer.Ordinal);
        var pending = new Stack<(long Node, string Path, int Depth)>();
        pending.Push((fileSystem.RootNode, "", 0));
        while (pending.Count > 0)
        {
            var (directory, prefix, depth) = pending.Pop();
            await foreach (var entry in fileSystem.ReadDirectoryAsync(directory, ct))
            {
                var path = prefix.Length == 0 ? entry.Name : prefix + "/" + entry.Name;
                var node = await fileSystem.GetNodeAsync(entry.Node, ct);
                result.Add(path, new WalkedEntry(path, entry, node));
                if (node.Type == FileType.Directory && depth < maxDepth)
                {
                    pending.Push((entry.Node, path, depth + 1));
                }
            }
        }

        return result;
    }

    public static async Task<string> Sha256Async(IFileSystem fileSystem, long node, CancellationToken ct = default)
    {
        await using var stream = await fileSystem.OpenReadAsync(node, ct);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    /// <summary>The Sleuth Kit's view: <c>fls -r -p -u</c> as path → inode (its virtual $OrphanFiles left out).</summary>
    public static Dictionary<string, long> Fls(string image)
    {
        var listing = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in Tool.Run("fls", "-r", "-p", "-u", image).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var path = line[(tab + 1)..];
            var head = line[..tab];
            if (path.StartsWith("$OrphanFiles", StringComparison.Ordinal))
            {
                continue;
            }

            var inode = head[(head.LastIndexOf(' ') + 1)..].TrimEnd(':');
            listing.Add(path, long.Parse(inode));
        }

        return listing;
    }

    /// <summary>
    /// e2fsprogs' view: <c>debugfs -R "ls -p &lt;inode&gt;"</c> for each given directory, as path → inode
    /// ("." and ".." left out). Directories are named by inode number, so no path quoting is needed.
    /// </summary>
    public static Dictionary<string, long> DebugfsListing(string image, IEnumerable<(string Path, long Inode)> directories)
    {
        var listing = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (prefix, inode) in directories)
        {
            foreach (var line in Tool.Run("debugfs", "-R", $"ls -p <{inode}>", image).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                // "/inode/mode/uid/gid/name/size/"
                var fields = line.Split('/');
                if (fields.Length < 7 || fields[5] is "" or "." or ".." || fields[1] == "0")
                {
                    continue;
                }

                listing.Add(prefix.Length == 0 ? fields[5] : prefix + "/" + fields[5], long.Parse(fields[1]));
            }
        }

        return listing;
    }
}

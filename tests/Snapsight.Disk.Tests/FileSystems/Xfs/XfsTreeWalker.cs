using System.Security.Cryptography;
using Snapsight.Disk.FileSystems;

namespace Snapsight.Disk.Tests.FileSystems.Xfs;

/// <summary>One path as our reader sees it, in the shape of <see cref="SourceEntry"/> for comparison.</summary>
public sealed record WalkedEntry(string Path, FileNode Node, string? Target, string? Sha256, FileType HintedType);

/// <summary>Walks a whole file system through the <see cref="IFileSystem"/> contract.</summary>
public static class XfsTreeWalker
{
    public static async Task<Dictionary<string, WalkedEntry>> WalkAsync(IFileSystem fs, bool hashContent = true)
    {
        var result = new Dictionary<string, WalkedEntry>(StringComparer.Ordinal);
        var pending = new Stack<(long Node, string Path, int Depth)>();
        pending.Push((fs.RootNode, "", 0));
        while (pending.Count > 0)
        {
            var (directory, path, depth) = pending.Pop();
            Assert.True(depth < 64, $"directory tree deeper than 64 at {path}");
            await foreach (var entry in fs.ReadDirectoryAsync(directory))
            {
                var childPath = path + "/" + entry.Name;
                Assert.False(result.ContainsKey(childPath), $"{childPath} listed twice");
                var node = await fs.GetNodeAsync(entry.Node);
                string? target = null, sha = null;
                if (node.Type == FileType.Symlink)
                {
                    target = await fs.ReadLinkAsync(entry.Node);
                }
                else if (node.Type == FileType.File && hashContent)
                {
                    await using var stream = await fs.OpenReadAsync(entry.Node);
                    sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
                }
                else if (node.Type == FileType.Directory)
                {
                    pending.Push((entry.Node, childPath, depth + 1));
                }

                result[childPath] = new WalkedEntry(childPath, node, target, sha, entry.Type);
            }
        }

        return result;
    }
}

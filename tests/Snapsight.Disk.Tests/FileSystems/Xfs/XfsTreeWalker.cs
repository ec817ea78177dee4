using System.Security.Cryptography;
using Snapsight.Disk.FileSystems;

namespace Snapsight.Disk.Tests.FileSystems.Xfs;

/// <summary>One path as our reader sees it, in the shape of <see cref="SourceEntry"/> for comparison.</summary>
public sealed record WalkedEntry(string Path, FileNode Node, string? Target, string? Sha256, FileType HintedType);

/// <summary>
/// Walks a whole file system through the <see cref="IFileSystem"/> contract. A damaged image can
/// list a directory inside itself (an entry aliasing an ancestor); like the file tree above the
/// file system, the walk descends into each directory node once only.
/// </summary>
public static class XfsTreeWalker
{
    /// <summary>
    /// <paramref name="strict"/> walks (of good images) fail on a name listed twice; lenient ones
    /// (of damaged images) keep the first, as duplicate names are a damage a reader may pass on.
    /// Lenient walks hash only the first MiB of a file: a damaged di_size can legally describe
    /// exabytes of holes, which read lazily but not quickly.
    /// </summary>
    public static async Task<Dictionary<string, WalkedEntry>> WalkAsync(IFileSystem fs, bool strict = true)
    {
        var result = new Dictionary<string, WalkedEntry>(StringComparer.Ordinal);
        var pending = new Stack<(long Node, string Path, int Depth)>();
        var descended = new HashSet<long> { fs.RootNode };
        pending.Push((fs.RootNode, "", 0));
        while (pending.Count > 0)
        {
            var (directory, path, depth) = pending.Pop();
            Assert.True(depth < 64, $"directory tree deeper than 64 at {path}");
            await foreach (var entry in fs.ReadDirectoryAsync(directory))
            {
                var childPath = path + "/" + entry.Name;
                if (result.ContainsKey(childPath))
                {
                    Assert.False(strict, $"{childPath} listed twice");
                    continue;
                }

                var node = await fs.GetNodeAsync(entry.Node);
                string? target = null, sha = null;
                if (node.Type == FileType.Symlink)
                {
                    target = await fs.ReadLinkAsync(entry.Node);
                }
                else if (node.Type == FileType.File)
                {
                    await using var stream = await fs.OpenReadAsync(entry.Node);
                    sha = strict
                        ? Convert.ToHexStringLower(await SHA256.HashDataAsync(stream))
                        : await HashPrefixAsync(stream, 1 << 20);
                }
                else if (node.Type == FileType.Directory && descended.Add(entry.Node))
                {
                    pending.Push((entry.Node, childPath, depth + 1));
                }

                result[childPath] = new WalkedEntry(childPath, node, target, sha, entry.Type);
            }
        }

        return result;
    }

    private static async Task<string> HashPrefixAsync(Stream stream, int limit)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[16 * 1024];
        for (int total = 0, n; total < limit && (n = await stream.ReadAsync(buffer)) > 0; total += n)
        {
            hash.AppendData(buffer, 0, n);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

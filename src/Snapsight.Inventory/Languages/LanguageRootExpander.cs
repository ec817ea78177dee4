using Snapsight.Disk.FileSystems;

namespace Snapsight.Inventory.Languages;

/// <summary>
/// Turns root patterns into the directories that exist in one tree, resolved through links,
/// each once: a root inside another root (or the same directory under two names, such as
/// /usr/lib64 linked to /usr/lib) is walked only as part of the outer one.
/// </summary>
internal static class LanguageRootExpander
{
    public static async Task<IReadOnlyList<string>> ExpandAsync(FileTree tree, IEnumerable<string> patterns, CancellationToken cancellationToken)
    {
        var resolved = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pattern in patterns)
        {
            foreach (var path in await MatchAsync(tree, pattern, cancellationToken).ConfigureAwait(false))
            {
                if (await tree.StatAsync(path, followFinalSymlink: true, cancellationToken).ConfigureAwait(false) is { Node.Type: FileType.Directory } directory)
                {
                    resolved.Add(directory.Path);
                }
            }
        }

        var roots = new List<string>();
        foreach (var path in resolved)
        {
            // Sorted order puts "/opt" before "/opt/x": an inner root is dropped once its outer one is in.
            if (!roots.Exists(outer => path.StartsWith(outer + "/", StringComparison.Ordinal)))
            {
                roots.Add(path);
            }
        }

        return roots;
    }

    /// <summary>The paths a pattern names; a segment ending in '*' matches the directories that start with the rest of it.</summary>
    private static async Task<List<string>> MatchAsync(FileTree tree, string pattern, CancellationToken cancellationToken)
    {
        var matches = new List<string> { "/" };
        foreach (var segment in pattern.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var next = new List<string>();
            foreach (var parent in matches)
            {
                if (!segment.EndsWith('*'))
                {
                    next.Add(TreePath.Combine(parent, segment));
                    continue;
                }

                if (await tree.StatAsync(parent, followFinalSymlink: true, cancellationToken).ConfigureAwait(false) is not { Node.Type: FileType.Directory } directory)
                {
                    continue;
                }

                var prefix = segment[..^1];
                await foreach (var child in tree.ListAsync(directory.Path, cancellationToken).ConfigureAwait(false))
                {
                    if (TreePath.FileName(child.Path).StartsWith(prefix, StringComparison.Ordinal))
                    {
                        next.Add(child.Path);
                    }
                }
            }

            matches = next;
        }

        return matches;
    }
}

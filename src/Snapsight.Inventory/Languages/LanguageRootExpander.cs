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
        // Several patterns share a parent (/usr/lib for python2* and python3*): each directory is listed, and each path resolved, once.
        var listings = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var candidates = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pattern in patterns)
        {
            candidates.UnionWith(await MatchAsync(tree, pattern, listings, cancellationToken).ConfigureAwait(false));
        }

        var resolved = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in candidates)
        {
            if (await tree.StatAsync(path, followFinalSymlink: true, cancellationToken).ConfigureAwait(false) is { Node.Type: FileType.Directory } directory)
            {
                resolved.Add(directory.Path);
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

    /// <summary>The paths a pattern names; a segment ending in '*' matches the entries that start with the rest of it.</summary>
    private static async Task<List<string>> MatchAsync(FileTree tree, string pattern, Dictionary<string, List<string>> listings, CancellationToken cancellationToken)
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

                var prefix = segment[..^1];
                next.AddRange((await NamesAsync(tree, parent, listings, cancellationToken).ConfigureAwait(false))
                    .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
                    .Select(name => TreePath.Combine(parent, name)));
            }

            matches = next;
        }

        return matches;
    }

    /// <summary>
    /// The names in a directory, none when it is not one. Names only: /usr/lib and /usr/share
    /// hold hundreds of entries, and reading each one's inode would cost more than the walk.
    /// </summary>
    private static async Task<List<string>> NamesAsync(FileTree tree, string directory, Dictionary<string, List<string>> listings, CancellationToken cancellationToken)
    {
        if (listings.TryGetValue(directory, out var names))
        {
            return names;
        }

        names = [];
        if (await tree.StatAsync(directory, followFinalSymlink: true, cancellationToken).ConfigureAwait(false) is { Node.Type: FileType.Directory } found)
        {
            await foreach (var name in tree.ListNamesAsync(found.Path, cancellationToken).ConfigureAwait(false))
            {
                names.Add(name);
            }
        }

        listings[directory] = names;
        return names;
    }
}

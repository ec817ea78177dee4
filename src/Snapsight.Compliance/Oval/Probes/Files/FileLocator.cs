using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Disk.FileSystems;

namespace Snapsight.Compliance.Oval.Probes.Files;

/// <summary>
/// Finds the files a file-based object names, by <c>filepath</c> or by <c>path</c> and
/// <c>filename</c>, as OVAL 5.11 defines them: exact names are looked up; any other operation
/// (a pattern, "not equal"…) is answered by a walk from the pattern's literal directory, matching
/// every entry. Behaviors add the directories below (or above) each matching path. A walk is
/// bounded in depth and entries; past a bound the object fails rather than answer partly.
/// </summary>
internal sealed class FileLocator(FileTree tree, CancellationToken cancellationToken)
{
    /// <summary>Deeper than any Linux tree goes; "unlimited" recursion stops here.</summary>
    public const int MaxDepth = 64;

    /// <summary>A whole distribution is well under a million names.</summary>
    public const int MaxEntries = 1_000_000;

    private int _entries;

    /// <summary>The files <paramref name="request"/> names, in the order found, each once.</summary>
    public async Task<IReadOnlyList<LocatedFile>> LocateAsync(ProbeRequest request)
    {
        if (request.Entity("filepath") is { } filepath)
        {
            return await ByFilePathAsync(filepath).ConfigureAwait(false);
        }

        if (request.Entity("path") is not { } path || request.Entity("filename") is not { } filename)
        {
            throw new OvalProbeException("the object names neither a filepath nor a path and filename");
        }

        var behaviors = FileBehaviors.From(request);
        var found = new List<LocatedFile>();
        foreach (var directory in await DirectoriesAsync(path, behaviors).ConfigureAwait(false))
        {
            if (filename.IsNil)
            {
                found.Add(new LocatedFile(directory.Path, null, directory));
            }
            else if (filename.IsExact)
            {
                foreach (var name in filename.Values.Where(TreePath.IsValidName))
                {
                    if (await StatAsync(TreePath.Combine(directory.Path, name)).ConfigureAwait(false) is { } entry)
                    {
                        found.Add(new LocatedFile(directory.Path, name, entry));
                    }
                }
            }
            else
            {
                await foreach (var entry in ListAsync(directory.Path).ConfigureAwait(false))
                {
                    var name = TreePath.FileName(entry.Path);
                    if (filename.Matches(name))
                    {
                        found.Add(new LocatedFile(directory.Path, name, entry));
                    }
                }
            }
        }

        return found;
    }

    private async Task<List<LocatedFile>> ByFilePathAsync(ObjectEntity filepath)
    {
        var found = new List<LocatedFile>();
        if (filepath.IsExact)
        {
            foreach (var value in filepath.Values.Distinct(StringComparer.Ordinal))
            {
                if (value.StartsWith('/') && await StatAsync(value).ConfigureAwait(false) is { } entry)
                {
                    var path = TreePath.Normalize(value);
                    found.Add(new LocatedFile(TreePath.Parent(path), TreePath.FileName(path), entry));
                }
            }

            return found;
        }

        foreach (var only in OnlyPaths(filepath))
        {
            if (only.StartsWith('/') && await StatAsync(only).ConfigureAwait(false) is { } entry)
            {
                var path = TreePath.Normalize(only);
                found.Add(new LocatedFile(TreePath.Parent(path), TreePath.FileName(path), entry));
            }
        }

        foreach (var start in Starts(filepath))
        {
            await foreach (var entry in WalkAsync(start, MaxDepth, followSymlinks: false, sameFileSystem: false).ConfigureAwait(false))
            {
                if (entry.Node.Type != FileType.Directory && filepath.Matches(entry.Path))
                {
                    found.Add(new LocatedFile(TreePath.Parent(entry.Path), TreePath.FileName(entry.Path), entry));
                }
            }
        }

        return found;
    }

    /// <summary>The directories the path entity names, then those recursion adds, each once.</summary>
    private async Task<List<TreeEntry>> DirectoriesAsync(ObjectEntity path, FileBehaviors behaviors)
    {
        var matching = new List<TreeEntry>();
        if (path.IsExact)
        {
            foreach (var value in path.Values.Where(v => v.StartsWith('/')))
            {
                if (await tree.StatAsync(value, followFinalSymlink: true, cancellationToken).ConfigureAwait(false) is { Node.Type: FileType.Directory } entry)
                {
                    matching.Add(entry with { Path = TreePath.Normalize(value) });
                }
            }
        }
        else
        {
            foreach (var only in OnlyPaths(path))
            {
                if (only.StartsWith('/') && await tree.StatAsync(only, followFinalSymlink: true, cancellationToken).ConfigureAwait(false) is { Node.Type: FileType.Directory } entry)
                {
                    matching.Add(entry with { Path = TreePath.Normalize(only) });
                }
            }

            foreach (var start in Starts(path))
            {
                if (await tree.StatAsync(start, followFinalSymlink: true, cancellationToken).ConfigureAwait(false) is { Node.Type: FileType.Directory } root
                    && path.Matches(start))
                {
                    matching.Add(root with { Path = start });
                }

                await foreach (var entry in WalkAsync(start, MaxDepth, followSymlinks: false, sameFileSystem: false).ConfigureAwait(false))
                {
                    if (entry.Node.Type == FileType.Directory && path.Matches(entry.Path))
                    {
                        matching.Add(entry);
                    }
                }
            }
        }

        var levels = behaviors.Levels(MaxDepth);
        var all = new List<TreeEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in matching)
        {
            if (seen.Add(directory.Path))
            {
                all.Add(directory);
            }

            if (levels == 0)
            {
                continue;
            }

            if (behaviors.Direction == "up")
            {
                var parent = directory.Path;
                for (var level = 0; level < levels && parent != "/"; level++)
                {
                    parent = TreePath.Parent(parent);
                    if (seen.Add(parent) && await tree.StatAsync(parent, followFinalSymlink: true, cancellationToken).ConfigureAwait(false) is { } up)
                    {
                        all.Add(up with { Path = parent });
                    }
                }
            }
            else if (behaviors.Direction == "down" && behaviors.EnterDirectories)
            {
                await foreach (var entry in WalkAsync(directory.Path, levels, behaviors.FollowSymlinks, behaviors.SameFileSystem).ConfigureAwait(false))
                {
                    if (entry.Node.Type == FileType.Directory && seen.Add(entry.Path))
                    {
                        all.Add(entry);
                    }
                }
            }
        }

        return all;
    }

    /// <summary>Where to walk for the entity's patterns that may match several paths (every path, for operations other than pattern match).</summary>
    private static IEnumerable<string> Starts(ObjectEntity entity) =>
        entity.Operation == "pattern match"
            ? entity.Values.Where(v => PatternPrefix.OnlyPath(v) is null).Select(PatternPrefix.DirectoryOf).Distinct(StringComparer.Ordinal)
            : ["/"];

    /// <summary>The paths the entity's fully literal patterns name: looked up, not walked for.</summary>
    private static IEnumerable<string> OnlyPaths(ObjectEntity entity) =>
        entity.Operation == "pattern match"
            ? entity.Values.Select(PatternPrefix.OnlyPath).OfType<string>().Distinct(StringComparer.Ordinal)
            : [];

    /// <summary>
    /// Every entry below <paramref name="start"/> to <paramref name="levels"/> levels, lstat'ed,
    /// a symbolic link to a directory entered only when asked (and each directory once, so a
    /// link loop ends). A missing start yields nothing.
    /// </summary>
    private async IAsyncEnumerable<TreeEntry> WalkAsync(string start, int levels, bool followSymlinks, bool sameFileSystem)
    {
        if (await tree.StatAsync(start, followFinalSymlink: true, cancellationToken).ConfigureAwait(false) is not { Node.Type: FileType.Directory } root)
        {
            yield break;
        }

        var visited = new HashSet<(IFileSystem, long)> { (root.FileSystem, root.Node.Id) };
        var pending = new Stack<(string Path, int Depth)>();
        pending.Push((start, 0));
        while (pending.TryPop(out var directory))
        {
            await foreach (var entry in ListAsync(directory.Path).ConfigureAwait(false))
            {
                yield return entry;
                if (directory.Depth + 1 >= levels || (sameFileSystem && entry.FileSystem != root.FileSystem))
                {
                    continue;
                }

                var target = entry.Node.Type switch
                {
                    FileType.Directory => entry,
                    FileType.Symlink when followSymlinks => await StatFollowingAsync(entry.Path).ConfigureAwait(false),
                    _ => null,
                };
                if (target is { Node.Type: FileType.Directory } && visited.Add((target.FileSystem, target.Node.Id)))
                {
                    pending.Push((entry.Path, directory.Depth + 1));
                }
            }
        }
    }

    private async Task<TreeEntry?> StatFollowingAsync(string path)
    {
        try
        {
            return await tree.StatAsync(path, followFinalSymlink: true, cancellationToken).ConfigureAwait(false);
        }
        catch (SymlinkLoopException)
        {
            return null; // a link loop leads nowhere; the link itself is still listed
        }
    }

    private async Task<TreeEntry?> StatAsync(string path) => await tree.StatAsync(path, followFinalSymlink: false, cancellationToken).ConfigureAwait(false);

    private async IAsyncEnumerable<TreeEntry> ListAsync(string directory)
    {
        await foreach (var entry in tree.ListAsync(directory, cancellationToken).ConfigureAwait(false))
        {
            if (++_entries > MaxEntries)
            {
                throw new OvalProbeException($"finding the object's files meant looking at more than {MaxEntries} entries; not answered");
            }

            yield return entry;
        }
    }
}

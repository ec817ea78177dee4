namespace Snapsight.Disk.FileSystems;

/// <summary>Path resolution: one component at a time, links followed inside the image root.</summary>
public sealed partial class FileTree
{
    /// <summary>
    /// Walks <paramref name="path"/> (taken from the root whether or not it starts with '/').
    /// The stack holds the directories walked so far, so ".." returns to where a link actually
    /// led rather than to a lexical parent, and never pops the root. A link's target is pushed
    /// in front of the components still to walk; an absolute target first empties the stack
    /// back to the root. Returns null when a component is missing or is not a directory.
    /// </summary>
    private async ValueTask<TreeLocation?> LocateAsync(string path, bool followFinalSymlink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var walked = new List<TreeLocation> { RootLocation() };
        var pending = new Stack<string>();
        PushComponents(pending, path);
        var hops = 0;

        while (pending.TryPop(out var name))
        {
            // Anything after a non-directory fails, even "", "." and "..": "file/" and "file/.." are ENOTDIR in Linux.
            if (walked[^1].Type != FileType.Directory)
            {
                return null;
            }

            if (name is "" or ".")
            {
                continue;
            }

            if (name == "..")
            {
                if (walked.Count > 1)
                {
                    walked.RemoveAt(walked.Count - 1);
                }

                continue;
            }

            var current = walked[^1];
            if (!TreePath.IsValidName(name))
            {
                return null;
            }

            var child = await LookupAsync(current, name, cancellationToken).ConfigureAwait(false);
            if (child is not { } found)
            {
                return null;
            }

            // POSIX: every link before the last component is followed; the last one only when asked
            // (a trailing "/" leaves an empty component pending, which makes it not the last).
            if (found.Type == FileType.Symlink && (pending.Count > 0 || followFinalSymlink))
            {
                if (++hops > MaxSymlinkHops)
                {
                    throw new SymlinkLoopException(path, MaxSymlinkHops);
                }

                var target = await found.FileSystem.ReadLinkAsync(found.Node, cancellationToken).ConfigureAwait(false);
                if (target.Length > MaxLinkTargetLength)
                {
                    throw new DiskFormatException("file-tree", "symlink", 0,
                        $"{TreePath.Printable(found.Path)} has a {target.Length}-character target, longer than {MaxLinkTargetLength}");
                }

                if (target.Length == 0)
                {
                    return null; // Linux: an empty target resolves to nothing (ENOENT).
                }

                if (target.StartsWith('/'))
                {
                    walked.RemoveRange(1, walked.Count - 1);
                }

                PushComponents(pending, target);
                continue;
            }

            walked.Add(found);
        }

        return walked[^1];
    }

    private static void PushComponents(Stack<string> pending, string path)
    {
        var parts = path.Split('/');
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }

    /// <summary>
    /// One name in one directory: a mount point first, then the directory's own entry, then a
    /// virtual directory leading to a deeper mount (also when the real entry is not a directory).
    /// </summary>
    private async ValueTask<TreeLocation?> LookupAsync(TreeLocation directory, string name, CancellationToken cancellationToken)
    {
        var path = TreePath.Combine(directory.Path, name);
        if (_mounts.MountedAt(path) is { } mounted)
        {
            return new TreeLocation(path, mounted, mounted.RootNode, FileType.Directory);
        }

        if (directory.FileSystem != _mounts.Virtual)
        {
            var entry = await _lookups.FindEntryAsync(directory.FileSystem, directory.Node, name, cancellationToken).ConfigureAwait(false);
            if (entry is { } real)
            {
                var found = await LocationOfAsync(path, directory.FileSystem, real, cancellationToken).ConfigureAwait(false);
                if (found.Type == FileType.Directory || _mounts.VirtualDirectoryAt(path) is null)
                {
                    return found;
                }
            }
        }

        return _mounts.VirtualDirectoryAt(path) is { } id ? new TreeLocation(path, _mounts.Virtual, id, FileType.Directory) : null;
    }

    /// <summary>Uses the directory's type hint, and reads the node only when the format gives none.</summary>
    private static async ValueTask<TreeLocation> LocationOfAsync(string path, IFileSystem fileSystem, DirectoryEntry entry, CancellationToken cancellationToken)
    {
        var type = entry.Type != FileType.Unknown
            ? entry.Type
            : (await fileSystem.GetNodeAsync(entry.Node, cancellationToken).ConfigureAwait(false)).Type;
        return new TreeLocation(path, fileSystem, entry.Node, type);
    }
}

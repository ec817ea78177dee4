using System.Runtime.CompilerServices;

namespace Snapsight.Disk.FileSystems;

/// <summary>Listing and walking: what a directory holds, with mounts laid over it.</summary>
public sealed partial class FileTree
{
    /// <summary>How deep a walk descends; Linux trees are nowhere near it, hostile ones may be.</summary>
    public const int MaxWalkDepth = 4096;

    /// <summary>How many of the directories next on the walk's stack are hinted again as each one is listed.</summary>
    private const int RehintedListings = 3;

    /// <summary>
    /// The entries of a directory (following links to it). Mount points show the mounted root.
    /// Invalid names are skipped and recorded in <see cref="Issues"/>.
    /// </summary>
    public async IAsyncEnumerable<TreeEntry> ListAsync(string directoryPath, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var directory = await LocateDirectoryAsync(directoryPath, cancellationToken).ConfigureAwait(false);
        await foreach (var (entry, _) in ChildrenAsync(directory, cancellationToken).ConfigureAwait(false))
        {
            yield return entry;
        }
    }

    /// <summary>
    /// The names a directory holds (following links to it), mount points included, without
    /// reading each entry's inode: for callers that only match names. Invalid names are skipped
    /// and recorded in <see cref="Issues"/>.
    /// </summary>
    public async IAsyncEnumerable<string> ListNamesAsync(string directoryPath, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var directory = await LocateDirectoryAsync(directoryPath, cancellationToken).ConfigureAwait(false);
        await foreach (var (name, _) in NamesAsync(directory, cancellationToken).ConfigureAwait(false))
        {
            yield return name;
        }
    }

    /// <summary>
    /// Every entry below a directory, depth first, without following symbolic links. Entries
    /// named in <paramref name="descendInto"/>'s refusal are listed but not entered. A directory
    /// already walked (an alias of an ancestor, in a hostile image) is listed once and not entered
    /// again; an unreadable directory is recorded in <see cref="Issues"/> and the walk goes on.
    /// </summary>
    public async IAsyncEnumerable<TreeEntry> WalkAsync(
        string directoryPath, Func<string, bool>? descendInto = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var start = await LocateDirectoryAsync(directoryPath, cancellationToken).ConfigureAwait(false);
        var visited = new HashSet<(IFileSystem, long)> { (start.FileSystem, start.Node) };
        var pending = new Stack<(TreeLocation Directory, int Depth)>();
        pending.Push((start, 0));

        while (pending.TryPop(out var next))
        {
            await HintNextListingsAsync(pending, cancellationToken).ConfigureAwait(false);
            var children = ChildrenAsync(next.Directory, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    (TreeEntry Entry, TreeLocation Location) child;
                    try
                    {
                        if (!await children.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }

                        child = children.Current;
                    }
                    catch (IOException e)
                    {
                        _issues.Record(next.Directory.Path, $"directory could not be read to its end: {e.Message}");
                        break;
                    }

                    yield return child.Entry;
                    if (child.Location.Type != FileType.Directory || descendInto?.Invoke(child.Entry.Path) == false)
                    {
                        continue;
                    }

                    if (next.Depth + 1 >= MaxWalkDepth)
                    {
                        _issues.Record(child.Entry.Path, $"deeper than {MaxWalkDepth} levels; not entered");
                    }
                    else if (!visited.Add((child.Location.FileSystem, child.Location.Node)))
                    {
                        _issues.Record(child.Entry.Path, "the same directory as one already walked (a cycle or an alias); not entered again");
                    }
                    else
                    {
                        pending.Push((child.Location, next.Depth + 1));
                        await HintListingAsync(child.Location, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                await children.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Hints again at the directories listed after this one when it has no subdirectories (the top of the stack, the next
    /// on top): hints given when they were found may have been dropped or their blocks evicted while a big subtree was walked.
    /// </summary>
    private static async ValueTask HintNextListingsAsync(Stack<(TreeLocation Directory, int Depth)> pending, CancellationToken cancellationToken)
    {
        var next = new TreeLocation[Math.Min(pending.Count, RehintedListings)];
        var index = next.Length;
        foreach (var (directory, _) in pending)
        {
            if (index == 0)
            {
                break;
            }

            next[--index] = directory;
        }

        foreach (var directory in next)
        {
            await HintListingAsync(directory, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Tells the file system a directory will be listed; a hint that fails is dropped, the listing reports the error.</summary>
    private static async ValueTask HintListingAsync(TreeLocation directory, CancellationToken cancellationToken)
    {
        try
        {
            await directory.FileSystem.HintListingAsync(directory.Node, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The listing meets the same error and records it.
        }
    }

    private async ValueTask<TreeLocation> LocateDirectoryAsync(string path, CancellationToken cancellationToken)
    {
        var location = await LocateAsync(path, followFinalSymlink: true, cancellationToken).ConfigureAwait(false)
            ?? throw new DirectoryNotFoundException($"{TreePath.Printable(path)} does not exist in the image");
        return location.Type == FileType.Directory
            ? location
            : throw new IOException($"{TreePath.Printable(location.Path)} is a {location.Type}, not a directory");
    }

    /// <summary>
    /// The directory's entries (see <see cref="NamesAsync"/>), each with its node. An entry whose
    /// node cannot be read is recorded and skipped; a failure to read the directory itself propagates.
    /// </summary>
    private async IAsyncEnumerable<(TreeEntry Entry, TreeLocation Location)> ChildrenAsync(
        TreeLocation directory, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (name, entry) in NamesAsync(directory, cancellationToken).ConfigureAwait(false))
        {
            if (await TryChildAsync(directory, name, entry, cancellationToken).ConfigureAwait(false) is { } child)
            {
                yield return child;
            }
        }
    }

    /// <summary>
    /// The directory's own valid names, then the mount points and virtual directories it does not
    /// hold itself. A name with a mount laid over it comes without its directory entry, which
    /// describes the hidden node, not the mounted root.
    /// </summary>
    private async IAsyncEnumerable<(string Name, DirectoryEntry? Entry)> NamesAsync(
        TreeLocation directory, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var overlaid = _mounts.ChildNames(directory.Path);
        var shown = new HashSet<string>(StringComparer.Ordinal);
        var entries = directory.FileSystem == _mounts.Virtual
            ? AsyncEnumerable.Empty<DirectoryEntry>()
            : directory.FileSystem.ReadDirectoryAsync(directory.Node, cancellationToken);

        await foreach (var entry in entries.ConfigureAwait(false))
        {
            if (!TreePath.IsValidName(entry.Name))
            {
                _issues.Record(directory.Path, $"invalid entry name \"{TreePath.Printable(entry.Name)}\" skipped");
                continue;
            }

            var isOverlaid = overlaid.Contains(entry.Name);
            if (isOverlaid)
            {
                shown.Add(entry.Name);
            }

            yield return (entry.Name, isOverlaid ? null : entry);
        }

        foreach (var name in overlaid.Where(name => !shown.Contains(name)))
        {
            yield return (name, null);
        }
    }

    /// <summary>
    /// One child: from its directory entry, or (for names with a mount laid over them, or only
    /// present as mounts) by lookup. A child that cannot be read is recorded and skipped.
    /// </summary>
    private async ValueTask<(TreeEntry, TreeLocation)?> TryChildAsync(
        TreeLocation directory, string name, DirectoryEntry? entry, CancellationToken cancellationToken)
    {
        var path = TreePath.Combine(directory.Path, name);
        try
        {
            var location = entry is { } own
                ? await LocationOfAsync(path, directory.FileSystem, own, cancellationToken).ConfigureAwait(false)
                : await LookupAsync(directory, name, cancellationToken).ConfigureAwait(false);
            return location is { } found ? (await EntryAsync(found, cancellationToken).ConfigureAwait(false), found) : null;
        }
        catch (IOException e)
        {
            _issues.Record(path, $"entry could not be read: {e.Message}");
            return null;
        }
    }
}

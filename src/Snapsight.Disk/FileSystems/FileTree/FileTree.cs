namespace Snapsight.Disk.FileSystems;

/// <summary>
/// The read-only view of a machine's files: one root file system plus the ones mounted on it.
/// Paths resolve inside the image only — an absolute symlink target starts again at the image
/// root, ".." at the root stays there — with at most <see cref="MaxSymlinkHops"/> links followed
/// per resolution. Every lookup goes one component at a time through
/// <see cref="IFileSystem.FindEntryAsync"/>; nothing walks the tree to find a path.
/// The rules are written down in docs/file-tree.md. Thread-safe.
/// </summary>
public sealed partial class FileTree
{
    /// <summary>Linux's MAXSYMLINKS: the 41st link in one resolution fails with ELOOP.</summary>
    public const int MaxSymlinkHops = 40;

    /// <summary>Linux's PATH_MAX: a longer link target is refused rather than followed.</summary>
    public const int MaxLinkTargetLength = 4096;

    private readonly IFileSystem _root;
    private readonly MountTable _mounts = new();
    private readonly TreeIssues _issues = new();
    private readonly LookupCache _lookups = new();

    public FileTree(IFileSystem root)
    {
        ArgumentNullException.ThrowIfNull(root);
        _root = root;
    }

    /// <summary>
    /// A tree holding only an empty root directory: what a disk offers when its only operating
    /// system lives on a file system not read yet (Windows on NTFS), so that an inventory still
    /// runs and reports the disk's gaps.
    /// </summary>
    public static FileTree Empty() => new(new VirtualDirectoryFileSystem());

    /// <summary>Problems recorded while listing and walking (bad names, unreadable directories), in the order found.</summary>
    public IReadOnlyList<TreeIssue> Issues => _issues.Snapshot();

    /// <summary>
    /// Makes <paramref name="fileSystem"/>'s root appear at <paramref name="absolutePath"/>,
    /// hiding whatever was there. The path need not exist: missing directories on the way become
    /// virtual, empty directories. Mounting on "/" replaces the root.
    /// </summary>
    public void Mount(string absolutePath, IFileSystem fileSystem)
    {
        ArgumentNullException.ThrowIfNull(absolutePath);
        ArgumentNullException.ThrowIfNull(fileSystem);
        if (!absolutePath.StartsWith('/'))
        {
            throw new ArgumentException($"mount point {absolutePath} is not absolute", nameof(absolutePath));
        }

        _mounts.Add(TreePath.Normalize(absolutePath), fileSystem);
    }

    /// <summary>What is at <paramref name="path"/>, or null when nothing is. The entry's path is the canonical one.</summary>
    public async Task<TreeEntry?> StatAsync(string path, bool followFinalSymlink = false, CancellationToken cancellationToken = default)
    {
        var location = await LocateAsync(path, followFinalSymlink, cancellationToken).ConfigureAwait(false);
        return location is { } found ? await EntryAsync(found, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>The canonical absolute path <paramref name="path"/> leads to after following every link, or null.</summary>
    public async Task<string?> ResolveAsync(string path, CancellationToken cancellationToken = default) =>
        (await LocateAsync(path, followFinalSymlink: true, cancellationToken).ConfigureAwait(false))?.Path;

    /// <summary>Opens a regular file for reading, following symbolic links.</summary>
    public async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var location = await LocateAsync(path, followFinalSymlink: true, cancellationToken).ConfigureAwait(false)
            ?? throw new FileNotFoundException($"{TreePath.Printable(path)} does not exist in the image");
        if (location.Type != FileType.File)
        {
            throw new IOException($"{TreePath.Printable(location.Path)} is a {location.Type}, not a regular file");
        }

        return await location.FileSystem.OpenReadAsync(location.Node, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The unresolved target of the symbolic link at <paramref name="path"/> (earlier components are followed).</summary>
    public async Task<string> ReadLinkAsync(string path, CancellationToken cancellationToken = default)
    {
        var location = await LocateAsync(path, followFinalSymlink: false, cancellationToken).ConfigureAwait(false)
            ?? throw new FileNotFoundException($"{TreePath.Printable(path)} does not exist in the image");
        if (location.Type != FileType.Symlink)
        {
            throw new IOException($"{TreePath.Printable(location.Path)} is a {location.Type}, not a symbolic link");
        }

        return await location.FileSystem.ReadLinkAsync(location.Node, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<TreeEntry> EntryAsync(TreeLocation location, CancellationToken cancellationToken) =>
        new(location.Path, location.FileSystem, await location.FileSystem.GetNodeAsync(location.Node, cancellationToken).ConfigureAwait(false));

    private TreeLocation RootLocation() =>
        _mounts.MountedAt("/") is { } mounted
            ? new TreeLocation("/", mounted, mounted.RootNode, FileType.Directory)
            : new TreeLocation("/", _root, _root.RootNode, FileType.Directory);
}

/// <summary>A resolved place in the tree: which file system, which node, and what kind of node.</summary>
internal readonly record struct TreeLocation(string Path, IFileSystem FileSystem, long Node, FileType Type);

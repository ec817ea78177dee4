using System.Collections.Concurrent;

namespace Snapsight.Disk.FileSystems.HostDirectory;

/// <summary>
/// An unpacked root file system in a directory of this machine, read through the same
/// contract as a disk's file systems, so every analyzer works on both. It never follows a
/// symbolic link itself: links are handed up to the file tree, which resolves them inside
/// the target's root, never on the host. Node ids are handed out as paths are met.
/// Owners and link counts come from statx (<see cref="HostFileStatus"/>); where it is missing they read as 0 and 1.
/// </summary>
public sealed class HostDirectoryFileSystem : IFileSystem
{
    private const long RootId = 1;

    private readonly string _root;
    private readonly ConcurrentDictionary<string, long> _idsByPath = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, string> _pathsById = new();
    private long _lastId = RootId;

    public HostDirectoryFileSystem(string root)
    {
        _root = Path.GetFullPath(root);
        if (!Directory.Exists(_root))
        {
            throw new DirectoryNotFoundException($"{root} is not a directory");
        }

        _idsByPath[_root] = RootId;
        _pathsById[RootId] = _root;
    }

    public string Type => "directory";

    public string? Uuid => null;

    public string? Label => null;

    public long RootNode => RootId;

    public ValueTask<FileNode> GetNodeAsync(long node, CancellationToken cancellationToken = default)
    {
        var info = Info(PathOf(node));
        return ValueTask.FromResult(ToNode(node, info));
    }

    public async IAsyncEnumerable<DirectoryEntry> ReadDirectoryAsync(long directoryNode, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var directory = new DirectoryInfo(PathOf(directoryNode));
        foreach (var info in directory.EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = true }))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new DirectoryEntry(info.Name, IdOf(info.FullName), TypeOf(info));
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public ValueTask<string> ReadLinkAsync(long node, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Info(PathOf(node)).LinkTarget ?? throw new IOException($"{PathOf(node)} is not a symbolic link"));

    /// <summary>
    /// Opens a regular file. .NET cannot tell a FIFO or a device from an empty file on Unix, and
    /// opening a FIFO would block: every such node reports length 0, so a zero-length file is
    /// answered with an empty stream without opening anything. (A node swapped for a FIFO between
    /// that check and the open is not guarded against: the target is the user's own directory.)
    /// </summary>
    public ValueTask<Stream> OpenReadAsync(long node, CancellationToken cancellationToken = default)
    {
        var path = PathOf(node);
        if (Info(path).LinkTarget is not null)
        {
            // FileStream would follow the link on the host; links are the file tree's to resolve.
            throw new DiskFormatException("directory", "entry", 0, $"{path} is a symbolic link, not a regular file");
        }

        return ValueTask.FromResult<Stream>(new FileInfo(path) is { Exists: true, Length: > 0 }
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess)
            : new MemoryStream([], writable: false));
    }

    public void Dispose()
    {
    }

    private string PathOf(long node) =>
        _pathsById.TryGetValue(node, out var path) ? path : throw new ArgumentException($"node {node} was never handed out", nameof(node));

    private long IdOf(string path) => _idsByPath.GetOrAdd(path, p =>
    {
        var id = Interlocked.Increment(ref _lastId);
        _pathsById[id] = p;
        return id;
    });

    private static FileSystemInfo Info(string path)
    {
        FileSystemInfo info = new FileInfo(path);
        if (!info.Exists && info.LinkTarget is null && !Directory.Exists(path))
        {
            // .NET decodes names as UTF-8; a name that is not cannot be opened again by its decoded form.
            throw new DiskFormatException("directory", "entry", 0, $"{path} cannot be read: its name is not valid UTF-8, or it vanished");
        }

        return info.Attributes.HasFlag(FileAttributes.Directory) && info.LinkTarget is null ? new DirectoryInfo(path) : info;
    }

    private static FileType TypeOf(FileSystemInfo info) => info.LinkTarget is not null
        ? FileType.Symlink
        : info.Attributes.HasFlag(FileAttributes.Directory) ? FileType.Directory
        : FileType.File;

    private static FileNode ToNode(long id, FileSystemInfo info)
    {
        var status = HostFileStatus.Of(info.FullName);
        return new FileNode(
            id,
            TypeOf(info),
            (int)info.UnixFileMode,
            Uid: status?.Uid ?? 0,
            Gid: status?.Gid ?? 0,
            Size: info is FileInfo { LinkTarget: null } file ? file.Length : System.Text.Encoding.UTF8.GetByteCount(info.LinkTarget ?? ""),
            LinkCount: status?.LinkCount ?? 1,
            ModifiedAt: info.LastWriteTimeUtc);
    }
}

using System.Runtime.CompilerServices;
using System.Text;
using Snapsight.Disk.FileSystems;

namespace Snapsight.Disk.Tests.FileSystems;

/// <summary>
/// A test double of <see cref="IFileSystem"/> built from a description: directories, files and
/// symbolic links by path, plus raw entries (hostile names, aliases of other directories) and
/// directories that fail to read. Node 1 is the root. It records what was opened and listed,
/// so tests can hold a reader to the paths it declares.
/// </summary>
public sealed class InMemoryFileSystem(string? uuid = null, string? label = null) : IFileSystem
{
    private readonly Dictionary<long, (FileNode Node, byte[]? Content, string? Target, List<DirectoryEntry>? Entries, bool Broken)> _nodes = new()
    {
        [1] = (new FileNode(1, FileType.Directory, 0x1ED, 0, 0, 0, 2), null, null, [], false),
    };

    private readonly Dictionary<string, long> _paths = new(StringComparer.Ordinal) { ["/"] = 1 };
    private readonly Dictionary<long, string> _pathsById = new() { [1] = "/" };
    private readonly List<string> _opened = [];
    private readonly List<(string Path, int OpenedBefore)> _hints = [];
    private readonly List<string> _nodesRead = [];
    private int _directoryReads;

    public string Type => "memory";

    public string? Uuid => uuid;

    public string? Label => label;

    public long RootNode => 1;

    /// <summary>Directories hinted at (<see cref="IFileSystem.HintListingAsync"/>), each with the length <see cref="Opened"/> had then.</summary>
    public IReadOnlyList<(string Path, int OpenedBefore)> Hints
    {
        get
        {
            lock (_opened)
            {
                return [.. _hints];
            }
        }
    }

    /// <summary>How many times a directory was read, so tests can prove lookups read only the path.</summary>
    public int DirectoryReads => _directoryReads;

    /// <summary>Every file opened and directory listed, by path, in order: what a reader actually looked at.</summary>
    public IReadOnlyList<string> Opened
    {
        get
        {
            lock (_opened)
            {
                return [.. _opened];
            }
        }
    }

    /// <summary>Every node asked for by number (what an inode read is on a real file system), by path, in order.</summary>
    public IReadOnlyList<string> NodesRead
    {
        get
        {
            lock (_nodesRead)
            {
                return [.. _nodesRead];
            }
        }
    }

    /// <summary>A file tree over this file system alone.</summary>
    public Snapsight.Disk.FileSystems.FileTree Tree() => new(this);

    /// <summary>Creates a directory (and missing parents).</summary>
    public InMemoryFileSystem Directory(string path, bool broken = false)
    {
        var id = Add(path, FileType.Directory, null, null);
        var existing = _nodes[id];
        _nodes[id] = existing with { Entries = existing.Entries ?? [], Broken = broken };
        return this;
    }

    public InMemoryFileSystem File(string path, string content = "") => File(path, Encoding.UTF8.GetBytes(content));

    public InMemoryFileSystem File(string path, byte[] content)
    {
        Add(path, FileType.File, content, null);
        return this;
    }

    public InMemoryFileSystem Symlink(string path, string target)
    {
        Add(path, FileType.Symlink, null, target);
        return this;
    }

    /// <summary>Adds a raw entry, no questions asked: any name, pointing at the node of <paramref name="targetPath"/>.</summary>
    public InMemoryFileSystem RawEntry(string directoryPath, string name, string targetPath, FileType hint)
    {
        var target = _paths[targetPath];
        _nodes[_paths[directoryPath]].Entries!.Add(new DirectoryEntry(name, target, hint));
        return this;
    }

    public ValueTask<FileNode> GetNodeAsync(long node, CancellationToken cancellationToken = default)
    {
        lock (_nodesRead)
        {
            _nodesRead.Add(_pathsById[node]);
        }

        return ValueTask.FromResult(_nodes[node].Node);
    }

    public async IAsyncEnumerable<DirectoryEntry> ReadDirectoryAsync(long directoryNode, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        Interlocked.Increment(ref _directoryReads);
        Record(directoryNode);
        var directory = _nodes[directoryNode];
        foreach (var entry in directory.Entries ?? throw new ArgumentException("not a directory"))
        {
            yield return entry;
        }

        if (directory.Broken)
        {
            throw new DiskFormatException("memory", "directory", directoryNode, "this directory is broken on purpose");
        }
    }

    /// <summary>Records the hint with how many entries <see cref="Opened"/> held then, so tests can order hints and listings.</summary>
    public ValueTask HintListingAsync(long directoryNode, CancellationToken cancellationToken = default)
    {
        lock (_opened)
        {
            _hints.Add((_pathsById[directoryNode], _opened.Count));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<string> ReadLinkAsync(long node, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_nodes[node].Target ?? throw new ArgumentException("not a link"));

    public ValueTask<Stream> OpenReadAsync(long node, CancellationToken cancellationToken = default)
    {
        Record(node);
        return ValueTask.FromResult<Stream>(new MemoryStream(_nodes[node].Content ?? throw new ArgumentException("not a file"), writable: false));
    }

    public void Dispose()
    {
    }

    private void Record(long node)
    {
        lock (_opened)
        {
            _opened.Add(_pathsById[node]);
        }
    }

    private long Add(string path, FileType type, byte[]? content, string? target)
    {
        if (_paths.TryGetValue(path, out var existing))
        {
            return existing;
        }

        var slash = path.LastIndexOf('/');
        var parentPath = slash == 0 ? "/" : path[..slash];
        if (!_paths.ContainsKey(parentPath))
        {
            Directory(parentPath);
        }

        var id = _nodes.Count + 1L;
        var mode = type == FileType.Directory ? 0x1ED : type == FileType.Symlink ? 0x1FF : 0x1A4;
        _nodes[id] = (new FileNode(id, type, mode, 0, 0, content?.Length ?? target?.Length ?? 0, 1), content, target,
            type == FileType.Directory ? [] : null, false);
        _paths[path] = id;
        _pathsById[id] = path;
        _nodes[_paths[parentPath]].Entries!.Add(new DirectoryEntry(path[(slash + 1)..], id, type));
        return id;
    }
}

using System.Runtime.CompilerServices;
using Snapsight.Disk.FileSystems;

namespace Snapsight.Inventory.Tests.Support;

/// <summary>
/// A small file system held in memory, for trees a test spells out file by file (release
/// files, links, loops) without building an image. The file tree above it does the path
/// resolution, so links behave as on a real image.
/// </summary>
internal sealed class MemoryFileSystem : IFileSystem
{
    private readonly List<MemoryNode> _nodes = [new MemoryNode("/", FileType.Directory, null, null, [])];
    private readonly List<string> _opened = [];

    public string Type => "memory";

    public string? Uuid => null;

    public string? Label => null;

    public long RootNode => 0;

    public FileTree Tree() => new(this);

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

    public MemoryFileSystem File(string path, string text) => File(path, System.Text.Encoding.UTF8.GetBytes(text));

    public MemoryFileSystem File(string path, byte[] content) => Add(path, new MemoryNode(path, FileType.File, content, null, null));

    public MemoryFileSystem Symlink(string path, string target) => Add(path, new MemoryNode(path, FileType.Symlink, null, target, null));

    public MemoryFileSystem Directory(string path) => Add(path, new MemoryNode(path, FileType.Directory, null, null, []));

    public ValueTask<FileNode> GetNodeAsync(long node, CancellationToken cancellationToken = default)
    {
        var found = _nodes[(int)node];
        return ValueTask.FromResult(new FileNode(node, found.Type, 0x1A4, 0, 0, found.Content?.Length ?? 0, 1));
    }

    public async IAsyncEnumerable<DirectoryEntry> ReadDirectoryAsync(long directoryNode, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        Record(directoryNode);
        foreach (var (name, child) in _nodes[(int)directoryNode].Children!)
        {
            yield return new DirectoryEntry(name, child, _nodes[(int)child].Type);
        }
    }

    public ValueTask<string> ReadLinkAsync(long node, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_nodes[(int)node].Target!);

    public ValueTask<Stream> OpenReadAsync(long node, CancellationToken cancellationToken = default)
    {
        Record(node);
        return ValueTask.FromResult<Stream>(new MemoryStream(_nodes[(int)node].Content!, writable: false));
    }

    public void Dispose()
    {
    }

    private void Record(long node)
    {
        lock (_opened)
        {
            _opened.Add(_nodes[(int)node].Path);
        }
    }

    /// <summary>Adds a node at an absolute path, making the directories above it.</summary>
    private MemoryFileSystem Add(string path, MemoryNode node)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var directory = _nodes[0];
        foreach (var (part, depth) in parts[..^1].Select((part, depth) => (part, depth)))
        {
            if (!directory.Children!.TryGetValue(part, out var child))
            {
                child = _nodes.Count;
                _nodes.Add(new MemoryNode("/" + string.Join('/', parts[..(depth + 1)]), FileType.Directory, null, null, []));
                directory.Children[part] = child;
            }

            directory = _nodes[(int)child];
        }

        directory.Children![parts[^1]] = _nodes.Count;
        _nodes.Add(node);
        return this;
    }

    private sealed record MemoryNode(string Path, FileType Type, byte[]? Content, string? Target, Dictionary<string, long>? Children);
}

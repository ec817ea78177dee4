namespace Snapsight.Disk.FileSystems;

/// <summary>
/// The empty directories a tree makes up to reach mount points whose parents the file system
/// beneath lacks (mounting at /srv/data when there is no /srv). They hold nothing of their own:
/// the tree lists the mounts below them. Owned by root, mode 0755, like a fresh mkdir.
/// </summary>
internal sealed class VirtualDirectoryFileSystem : IFileSystem
{
    public string Type => "virtual";

    public string? Uuid => null;

    public string? Label => null;

    /// <summary>Virtual directories are never the root of anything; ids count from 1.</summary>
    public long RootNode => 0;

    public ValueTask<FileNode> GetNodeAsync(long node, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new FileNode(node, FileType.Directory, 0x1ED, 0, 0, 0, 2));

    public IAsyncEnumerable<DirectoryEntry> ReadDirectoryAsync(long directoryNode, CancellationToken cancellationToken = default) =>
        AsyncEnumerable.Empty<DirectoryEntry>();

    public ValueTask<string> ReadLinkAsync(long node, CancellationToken cancellationToken = default) =>
        throw new ArgumentException("a virtual directory is not a symbolic link", nameof(node));

    public ValueTask<Stream> OpenReadAsync(long node, CancellationToken cancellationToken = default) =>
        throw new ArgumentException("a virtual directory is not a file", nameof(node));

    public void Dispose()
    {
    }
}

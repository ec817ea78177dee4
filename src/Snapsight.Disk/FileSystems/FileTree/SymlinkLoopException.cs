namespace Snapsight.Disk.FileSystems;

/// <summary>
/// Resolving a path needed more than <see cref="FileTree.MaxSymlinkHops"/> symbolic links: a loop,
/// or a chain longer than Linux would follow (its <c>MAXSYMLINKS</c> is 40, and it fails with ELOOP).
/// There is no device offset: the problem is in the path, which the message names.
/// </summary>
public sealed class SymlinkLoopException(string path, int hops)
    : DiskFormatException("file-tree", "symlink", 0, $"resolving {TreePath.Printable(path)} needs more than {hops} symbolic links (a loop?)")
{
    public string Path { get; } = path;
}

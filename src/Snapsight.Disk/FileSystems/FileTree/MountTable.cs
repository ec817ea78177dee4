namespace Snapsight.Disk.FileSystems;

/// <summary>
/// Where other file systems are mounted in a tree, and the virtual directories that lead to
/// mount points missing from the file system beneath. Mount points are normalised lexically
/// (fstab names real directories; symlinks are not followed to find them). Thread-safe.
/// </summary>
internal sealed class MountTable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IFileSystem> _mounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _virtualDirectories = new(StringComparer.Ordinal);

    public VirtualDirectoryFileSystem Virtual { get; } = new();

    public void Add(string path, IFileSystem fileSystem)
    {
        lock (_gate)
        {
            _mounts[path] = fileSystem;
            for (var parent = TreePath.Parent(path); parent != "/"; parent = TreePath.Parent(parent))
            {
                _virtualDirectories.TryAdd(parent, _virtualDirectories.Count + 1);
            }
        }
    }

    public IFileSystem? MountedAt(string path)
    {
        lock (_gate)
        {
            return _mounts.GetValueOrDefault(path);
        }
    }

    /// <summary>The virtual directory's node id when <paramref name="path"/> leads to a deeper mount point.</summary>
    public long? VirtualDirectoryAt(string path)
    {
        lock (_gate)
        {
            return _virtualDirectories.TryGetValue(path, out var id) ? id : null;
        }
    }

    /// <summary>The names directly below <paramref name="directory"/> that are mount points or lead to one.</summary>
    public IReadOnlyList<string> ChildNames(string directory)
    {
        var prefix = directory == "/" ? "/" : directory + "/";
        lock (_gate)
        {
            return _mounts.Keys.Concat(_virtualDirectories.Keys)
                .Where(path => path.Length > prefix.Length && path.StartsWith(prefix, StringComparison.Ordinal) && path.IndexOf('/', prefix.Length) < 0)
                .Select(path => path[prefix.Length..])
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
        }
    }
}

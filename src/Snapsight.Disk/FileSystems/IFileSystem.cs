namespace Snapsight.Disk.FileSystems;

/// <summary>
/// A read-only file system on a block device, addressed by node number. Path resolution,
/// symlinks and mounts live above it, in the file tree.
/// Implementations validate what they read and throw <see cref="DiskFormatException"/>
/// for bad structures; they never return partially parsed garbage.
/// </summary>
public interface IFileSystem : IDisposable
{
    /// <summary>"ext4", "xfs", "vfat" …</summary>
    string Type { get; }

    string? Uuid { get; }

    string? Label { get; }

    long RootNode { get; }

    /// <summary>What was read with a caveat (a journal not replayed, a checksum mismatch); grows as reading finds more.</summary>
    IReadOnlyList<string> Warnings => [];

    ValueTask<FileNode> GetNodeAsync(long node, CancellationToken cancellationToken = default);

    /// <summary>The entries of a directory, without "." and "..", in on-disk order.</summary>
    IAsyncEnumerable<DirectoryEntry> ReadDirectoryAsync(long directoryNode, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds one name in a directory. Formats with hashed or sorted directories override
    /// this to avoid reading the whole directory; the default scans it.
    /// </summary>
    async ValueTask<DirectoryEntry?> FindEntryAsync(long directoryNode, string name, CancellationToken cancellationToken = default)
    {
        await foreach (var entry in ReadDirectoryAsync(directoryNode, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(entry.Name, name, StringComparison.Ordinal))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>
    /// A hint that the directory will be listed soon (a walk has just found it): a file system may name the blocks the
    /// listing starts with to its device (<see cref="BlockDevices.IBlockDevice.Prefetch"/>), so a device that can fetch or
    /// decode ahead does. It reads nothing the listing would not read and results never depend on it; the default does
    /// nothing.
    /// </summary>
    ValueTask HintListingAsync(long directoryNode, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <summary>The unresolved target text of a symbolic link.</summary>
    ValueTask<string> ReadLinkAsync(long node, CancellationToken cancellationToken = default);

    /// <summary>A seekable read-only stream over a regular file's bytes (holes read as zeros).</summary>
    ValueTask<Stream> OpenReadAsync(long node, CancellationToken cancellationToken = default);
}

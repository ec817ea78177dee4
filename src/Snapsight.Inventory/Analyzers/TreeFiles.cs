using Snapsight.Disk;
using Snapsight.Disk.FileSystems;

namespace Snapsight.Inventory.Analyzers;

/// <summary>Reads whole small files out of a file tree, with a size cap decided before any allocation.</summary>
internal static class TreeFiles
{
    /// <summary>
    /// The bytes of the regular file at <paramref name="path"/> (links followed inside the image),
    /// or null when there is none. A file over <paramref name="maxBytes"/> is refused with a
    /// <see cref="DiskFormatException"/> naming its size.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(FileTree tree, string path, long maxBytes, CancellationToken cancellationToken)
    {
        var entry = await tree.StatAsync(path, followFinalSymlink: true, cancellationToken).ConfigureAwait(false);
        if (entry is not { Node.Type: FileType.File })
        {
            return null;
        }

        return await ReadAsync(entry, maxBytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The bytes of a regular file already found (by a walk), refused when over <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadAsync(TreeEntry file, long maxBytes, CancellationToken cancellationToken)
    {
        if (file.Node.Size > maxBytes)
        {
            throw new InventoryLimitException($"{file.Path} holds {file.Node.Size} bytes, over the {maxBytes}-byte limit for it: not read");
        }

        await using var stream = await file.FileSystem.OpenReadAsync(file.Node.Id, cancellationToken).ConfigureAwait(false);
        var bytes = new byte[file.Node.Size];
        await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        return bytes;
    }

    /// <summary>
    /// The first <paramref name="maxBytes"/> bytes of a walked file (all of it when shorter): for
    /// formats whose useful part comes first, such as a header block before a long body.
    /// </summary>
    public static async Task<byte[]> ReadHeadAsync(TreeEntry file, int maxBytes, CancellationToken cancellationToken)
    {
        var length = (int)Math.Clamp(file.Node.Size, 0, maxBytes);
        await using var stream = await file.FileSystem.OpenReadAsync(file.Node.Id, cancellationToken).ConfigureAwait(false);
        var bytes = new byte[length];
        var read = await stream.ReadAtLeastAsync(bytes, length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return read == length ? bytes : bytes[..read];
    }

    /// <summary>The regular files directly in <paramref name="directory"/>, by name order; none when it is absent.</summary>
    public static async Task<IReadOnlyList<string>> ListFilesAsync(FileTree tree, string directory, int maxFiles, CancellationToken cancellationToken) =>
        [.. (await ListAsync(tree, directory, FileType.File, maxFiles, cancellationToken).ConfigureAwait(false)).Select(e => e.Path)];

    /// <summary>
    /// The entries of one <paramref name="type"/> directly in <paramref name="directory"/>, by path
    /// order; none when it is absent. More than <paramref name="maxEntries"/> is refused with an
    /// <see cref="InventoryLimitException"/>.
    /// </summary>
    public static async Task<IReadOnlyList<TreeEntry>> ListAsync(FileTree tree, string directory, FileType type, int maxEntries, CancellationToken cancellationToken)
    {
        var entry = await tree.StatAsync(directory, followFinalSymlink: true, cancellationToken).ConfigureAwait(false);
        if (entry is not { Node.Type: FileType.Directory })
        {
            return [];
        }

        var entries = new List<TreeEntry>();
        await foreach (var child in tree.ListAsync(entry.Path, cancellationToken).ConfigureAwait(false))
        {
            if (child.Node.Type == type)
            {
                entries.Add(child);
                if (entries.Count > maxEntries)
                {
                    throw new InventoryLimitException($"{directory} holds more than {maxEntries} entries of its kind: not read");
                }
            }
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return entries;
    }
}

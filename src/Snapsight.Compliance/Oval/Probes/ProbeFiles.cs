using System.Text;
using Snapsight.Disk.FileSystems;

namespace Snapsight.Compliance.Oval.Probes;

/// <summary>Reads the files probes look into, each under a size limit, links followed inside the image.</summary>
internal static class ProbeFiles
{
    /// <summary>Configuration files are kilobytes; 8 MiB leaves room for a long log-like file and refuses a disk image.</summary>
    public const long MaxFileBytes = 8L * 1024 * 1024;

    private static readonly UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>The bytes of the regular file at <paramref name="path"/>, or null when there is none.</summary>
    public static async Task<byte[]?> ReadAsync(FileTree tree, string path, CancellationToken cancellationToken)
    {
        var entry = await tree.StatAsync(path, followFinalSymlink: true, cancellationToken).ConfigureAwait(false);
        if (entry is not { Node.Type: FileType.File })
        {
            return null;
        }

        if (entry.Node.Size > MaxFileBytes)
        {
            throw new OvalProbeException($"{TreePath.Printable(path)} holds {entry.Node.Size} bytes, over the {MaxFileBytes}-byte limit: not read");
        }

        await using var stream = await entry.FileSystem.OpenReadAsync(entry.Node.Id, cancellationToken).ConfigureAwait(false);
        var bytes = new byte[entry.Node.Size];
        await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        return bytes;
    }

    /// <summary>The file as text: UTF-8, invalid bytes replaced (a byte of binary junk must not stop a line-based match).</summary>
    public static async Task<string?> ReadTextAsync(FileTree tree, string path, CancellationToken cancellationToken) =>
        await ReadAsync(tree, path, cancellationToken).ConfigureAwait(false) is { } bytes ? Lenient.GetString(bytes) : null;
}

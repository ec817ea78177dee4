using System.Text;
using Snapsight.Disk;
using Snapsight.Disk.FileSystems;

namespace Snapsight.Inventory.Os;

/// <summary>The text of one small file, or why there is none. <see cref="Truncated"/> means only the first <see cref="ReleaseFileReader.MaxBytes"/> were read.</summary>
internal sealed record ReleaseFileText(string? Text, bool Missing, string? Problem, bool Truncated);

/// <summary>
/// Reads one exact path of a file tree, following links inside the image, and never more than
/// <see cref="MaxBytes"/>: release files are a few hundred bytes, so anything bigger is hostile
/// or broken and only its head is worth parsing. A missing file is normal; a bad one (a link
/// loop, a directory, an unreadable extent) is a problem to report, not an exception.
/// </summary>
internal static class ReleaseFileReader
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<ReleaseFileText> ReadAsync(FileTree tree, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tree);
        try
        {
            var entry = await tree.StatAsync(path, followFinalSymlink: true, cancellationToken).ConfigureAwait(false);
            if (entry is null)
            {
                return new ReleaseFileText(null, Missing: true, null, false);
            }

            if (entry.Node.Type != FileType.File)
            {
                return new ReleaseFileText(null, false, $"is a {entry.Node.Type.ToContractName()}, not a regular file", false);
            }

            var stream = await tree.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[(int)Math.Min(MaxBytes, Math.Max(0, entry.Node.Size))];
                var filled = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                var text = Encoding.UTF8.GetString(buffer, 0, filled);
                return new ReleaseFileText(text, false, null, Truncated: entry.Node.Size > MaxBytes);
            }
        }
        catch (DiskFormatException e)
        {
            return new ReleaseFileText(null, false, e.Message, false);
        }
        catch (IOException e)
        {
            return new ReleaseFileText(null, false, e.Message, false);
        }
    }
}

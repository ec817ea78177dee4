namespace Snapsight.Cloud.Local;

/// <summary>
/// Metadata is written whole or not at all: to a temporary file beside the target, flushed to
/// disk, then renamed over it (rename is atomic within a file system), so a crash leaves the old
/// file or the new one, never half of either.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var handle = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                RandomAccess.Write(handle, content, 0);
                RandomAccess.FlushToDisk(handle);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}

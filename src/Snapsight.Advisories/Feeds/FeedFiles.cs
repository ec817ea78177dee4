namespace Snapsight.Advisories.Feeds;

/// <summary>Reading a whole feed file into memory, refusing one over a cap before it is all read.</summary>
public static class FeedFiles
{
    public static async Task<ReadOnlyMemory<byte>> ReadCappedAsync(Stream content, int maxBytes, string format, string origin, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new FeedFormatException(format, origin, $"larger than the {maxBytes}-byte cap for one file");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}

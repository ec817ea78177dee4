namespace Snapsight.Advisories.Import;

/// <summary>
/// A forward-only stream that gives back bytes already taken from the front of another (to look
/// at a file's head) before the rest of it, so recognition costs no second pass over a stream
/// that cannot seek. It also stops a decompressed stream at <see cref="ImportLimits.MaxFileBytes"/>
/// and turns a decompressor's complaint into a format error naming the file.
/// </summary>
internal sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest, string name) : Stream
{
    private int prefixRead;
    private long total;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => total; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        if (prefixRead < prefix.Length)
        {
            read = Math.Min(buffer.Length, prefix.Length - prefixRead);
            prefix.Span.Slice(prefixRead, read).CopyTo(buffer);
            prefixRead += read;
        }
        else
        {
            try
            {
                read = rest.Read(buffer);
            }
            catch (Exception e) when (IsDecompressorDamage(e))
            {
                throw Damaged(e);
            }
        }

        return Count(read);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (prefixRead < prefix.Length)
        {
            return Read(buffer.Span);
        }

        try
        {
            return Count(await rest.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (IsDecompressorDamage(e))
        {
            throw Damaged(e);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>How gzip and tar readers (InvalidDataException) and zstd (its own exception, or end of stream when cut short) report damaged data.</summary>
    public static bool IsDecompressorDamage(Exception e) => e is InvalidDataException or ZstdSharp.ZstdException or EndOfStreamException;

    /// <summary>gzip and tar readers say "invalid data" about damage, zstd its own exception; the import reports it as this file's.</summary>
    private Feeds.FeedFormatException Damaged(Exception e) => new("import", name, $"damaged compressed data: {e.Message}");

    private int Count(int read)
    {
        total += read;
        if (total > ImportLimits.MaxFileBytes)
        {
            throw new Feeds.FeedFormatException("import", name, $"more than {ImportLimits.MaxFileBytes} bytes once decompressed");
        }

        return read;
    }
}

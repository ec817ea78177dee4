using Snapsight.Disk.FileSystems;

namespace Snapsight.Inventory.Languages.Java;

/// <summary>
/// The part of a seekable stream from <paramref name="start"/> on, as a stream of its own: a
/// zip archive after a launcher script, offered to ZipArchive, which counts offsets from the
/// stream's start. The inner stream stays open; it belongs to the caller.
/// </summary>
internal sealed class ArchiveWindowStream(Stream inner, long start) : PositionalReadStream(inner.Length - start)
{
    protected override async ValueTask<int> ReadAtAsync(long position, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        inner.Position = start + position;
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return read > 0 ? read : throw new EndOfStreamException($"the archive ended at {start + position}, before its {start + Length} bytes");
    }
}

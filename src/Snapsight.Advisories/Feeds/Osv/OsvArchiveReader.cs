using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.CompilerServices;

namespace Snapsight.Advisories.Feeds.Osv;

/// <summary>
/// Streams the records of an OSV feed archive: osv.dev's per-ecosystem all.zip or a .tar.gz of
/// JSON files (AlmaLinux's feed). Entries are read one at a time, each capped at
/// <see cref="OsvLimits.MaxRecordBytes"/>, so memory stays one record whatever the archive's size.
/// A bad entry is yielded with its error and reading goes on; a broken archive structure ends the
/// stream with an <see cref="OsvFormatException"/>. Only entries whose names end in .json are read.
/// </summary>
public static class OsvArchiveReader
{
    /// <summary>Reads a file, choosing zip or gzip'd tar by its first bytes.</summary>
    public static async IAsyncEnumerable<OsvArchiveEntry> ReadFileAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var magic = new byte[2];
        var length = await file.ReadAtLeastAsync(magic, magic.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        file.Position = 0;
        var entries = (length, magic[0], magic[1]) switch
        {
            (2, (byte)'P', (byte)'K') => ReadZipAsync(file, cancellationToken),
            (2, 0x1f, 0x8b) => ReadTarGzAsync(file, cancellationToken),
            _ => throw new OsvFormatException("archive", "neither a zip nor a gzip file"),
        };
        await foreach (var entry in entries.ConfigureAwait(false))
        {
            yield return entry;
        }
    }

    /// <summary>A zip (the central directory needs a seekable stream, or .NET buffers it whole).</summary>
    public static async IAsyncEnumerable<OsvArchiveEntry> ReadZipAsync(Stream zip, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!zip.CanSeek)
        {
            throw new ArgumentException("a zip is read from a seekable stream", nameof(zip));
        }

        using var archive = OpenZip(zip);
        foreach (var entry in archive.Entries)
        {
            if (IsRecordName(entry.FullName))
            {
                yield return await ReadZipEntryAsync(entry, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A gzip'd tar, read forward only.</summary>
    public static async IAsyncEnumerable<OsvArchiveEntry> ReadTarGzAsync(Stream tarGz, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var gzip = new GZipStream(tarGz, CompressionMode.Decompress, leaveOpen: true);
        await using var tar = new TarReader(gzip, leaveOpen: true);
        while (await NextTarEntryAsync(tar, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && IsRecordName(entry.Name))
            {
                yield return entry.Length > OsvLimits.MaxRecordBytes || entry.DataStream is null
                    ? Refused(entry.Name, entry.Length)
                    : await ParseAsync(entry.Name, entry.DataStream, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsRecordName(string name) => name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    private static ZipArchive OpenZip(Stream zip)
    {
        try
        {
            return new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new OsvFormatException("archive", $"not a readable zip: {e.Message}");
        }
    }

    private static async Task<OsvArchiveEntry> ReadZipEntryAsync(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Length > OsvLimits.MaxRecordBytes)
        {
            return Refused(entry.FullName, entry.Length);
        }

        try
        {
            await using var data = entry.Open();
            return await ParseAsync(entry.FullName, data, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            return new OsvArchiveEntry(entry.FullName, null, new OsvFormatException("archive", $"{entry.FullName}: {e.Message}"));
        }
    }

    private static async Task<TarEntry?> NextTarEntryAsync(TarReader tar, CancellationToken cancellationToken)
    {
        try
        {
            // copyData: false keeps the entry's data in the stream, so an entry is never buffered here.
            return await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or ArgumentException)
        {
            throw new OsvFormatException("archive", $"not a readable tar.gz: {e.Message}");
        }
    }

    private static OsvArchiveEntry Refused(string name, long length) =>
        new(name, null, new OsvFormatException("record", $"{name}: {length} bytes, over the {OsvLimits.MaxRecordBytes}-byte cap"));

    /// <summary>Reads at most one byte past the cap, whatever size the archive claimed (a zip bomb claims little).</summary>
    private static async Task<OsvArchiveEntry> ParseAsync(string name, Stream data, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while (buffer.Length <= OsvLimits.MaxRecordBytes
               && (read = await data.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, OsvLimits.MaxRecordBytes + 1 - buffer.Length)), cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length > OsvLimits.MaxRecordBytes)
        {
            return Refused(name, buffer.Length);
        }

        try
        {
            return new OsvArchiveEntry(name, OsvRecordParser.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)), null);
        }
        catch (OsvFormatException e)
        {
            return new OsvArchiveEntry(name, null, new OsvFormatException(e.Structure, $"{name}: {e.Problem}"));
        }
    }
}

using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using Snapsight.Advisories.Feeds;

namespace Snapsight.Advisories.Import;

/// <summary>
/// Everything inside the paths given to <c>db import</c>, as plain files: directories are walked
/// (symbolic links are not followed), zip and tar entries are opened one at a time, gzip and
/// zstd are inflated (a gzip'd or zstd'd tar is a tar). Kinds are told apart by their first bytes, not their names.
/// Each yielded stream is valid until the next item is asked for.
/// </summary>
public static class FeedInputs
{
    public static async IAsyncEnumerable<FeedInput> EnumerateAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(path))
        {
            foreach (var file in Walk(path, 0))
            {
                await foreach (var input in OpenFileAsync(file, cancellationToken).ConfigureAwait(false))
                {
                    yield return input;
                }
            }
        }
        else if (File.Exists(path))
        {
            await foreach (var input in OpenFileAsync(path, cancellationToken).ConfigureAwait(false))
            {
                yield return input;
            }
        }
        else
        {
            throw new FileNotFoundException($"{path}: no such file or directory", path);
        }
    }

    /// <summary>The files inside one stream as if it were a file named <paramref name="name"/> (the fuzz target's way in).</summary>
    internal static IAsyncEnumerable<FeedInput> EnumerateStreamAsync(string name, Stream content, CancellationToken cancellationToken = default) =>
        OpenAsync(name, content, cancellationToken);

    private static IEnumerable<string> Walk(string directory, int depth)
    {
        if (depth > ImportLimits.MaxDirectoryDepth)
        {
            throw new FeedFormatException("import", directory, $"more than {ImportLimits.MaxDirectoryDepth} directory levels deep");
        }

        var info = new DirectoryInfo(directory);
        foreach (var entry in info.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (entry.LinkTarget is not null)
            {
                continue;
            }

            if (entry is DirectoryInfo sub)
            {
                foreach (var file in Walk(sub.FullName, depth + 1))
                {
                    yield return file;
                }
            }
            else
            {
                yield return entry.FullName;
            }
        }
    }

    private static async IAsyncEnumerable<FeedInput> OpenFileAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await foreach (var input in OpenAsync(path, file, cancellationToken).ConfigureAwait(false))
        {
            yield return input;
        }
    }

    private static async IAsyncEnumerable<FeedInput> OpenAsync(string name, Stream content, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var head = new byte[512];
        var length = await ReadHeadAsync(name, content, head, cancellationToken).ConfigureAwait(false);
        var prefix = head.AsMemory(0, length);
        var whole = new PrefixedStream(prefix, content, name);
        if (prefix.Span.StartsWith("PK\u0003\u0004"u8) && content.CanSeek)
        {
            content.Position = 0;
            await foreach (var input in ZipEntriesAsync(name, content, cancellationToken).ConfigureAwait(false))
            {
                yield return input;
            }
        }
        else if (prefix.Span.StartsWith((ReadOnlySpan<byte>)[0x1f, 0x8b]))
        {
            await using var gzip = new GZipStream(whole, CompressionMode.Decompress);
            var inner = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name + "!gunzip";
            await foreach (var input in OpenAsync(inner, gzip, cancellationToken).ConfigureAwait(false))
            {
                yield return input;
            }
        }
        else if (prefix.Span.StartsWith((ReadOnlySpan<byte>)[0x28, 0xb5, 0x2f, 0xfd]))
        {
            await using var zstd = new ZstdSharp.DecompressionStream(whole);
            var inner = name.EndsWith(".zst", StringComparison.OrdinalIgnoreCase) ? name[..^4] : name + "!unzstd";
            await foreach (var input in OpenAsync(inner, zstd, cancellationToken).ConfigureAwait(false))
            {
                yield return input;
            }
        }
        else if (length == 512 && prefix.Span[257..262].SequenceEqual("ustar"u8))
        {
            await foreach (var input in TarEntriesAsync(name, whole, cancellationToken).ConfigureAwait(false))
            {
                yield return input;
            }
        }
        else
        {
            yield return new FeedInput(name, whole);
        }
    }

    private static async IAsyncEnumerable<FeedInput> ZipEntriesAsync(string name, Stream zip, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new FeedFormatException("import", name, $"not a readable zip archive: {e.Message}");
        }

        using (archive)
        {
            if (archive.Entries.Count > ImportLimits.MaxArchiveEntries)
            {
                throw new FeedFormatException("import", name, $"{archive.Entries.Count} entries, over the {ImportLimits.MaxArchiveEntries} cap");
            }

            foreach (var entry in archive.Entries.Where(e => !e.FullName.EndsWith('/')))
            {
                var entryName = $"{name}!{entry.FullName}";
                RefuseOversized(entryName, entry.Length);
                await using var stream = OpenZipEntry(entryName, entry);
                await foreach (var input in OpenAsync(entryName, stream, cancellationToken).ConfigureAwait(false))
                {
                    yield return input;
                }
            }
        }
    }

    private static async IAsyncEnumerable<FeedInput> TarEntriesAsync(string name, Stream tarStream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var tar = new TarReader(tarStream, leaveOpen: true);
        var count = 0;
        while (await NextAsync(tar, name, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            if (++count > ImportLimits.MaxArchiveEntries)
            {
                throw new FeedFormatException("import", name, $"more than {ImportLimits.MaxArchiveEntries} entries");
            }

            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data)
            {
                var entryName = $"{name}!{entry.Name}";
                RefuseOversized(entryName, entry.Length);
                await foreach (var input in OpenAsync(entryName, data, cancellationToken).ConfigureAwait(false))
                {
                    yield return input;
                }
            }
        }
    }

    private static async Task<TarEntry?> NextAsync(TarReader tar, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new FeedFormatException("import", name, $"broken tar archive: {e.Message}");
        }
    }

    /// <summary>
    /// An entry declaring more than one file may hold is refused before a byte of it is read or
    /// buffered; in a tar nothing after it can be reached without reading through it, so the archive ends here.
    /// </summary>
    private static void RefuseOversized(string entryName, long declaredBytes)
    {
        if (declaredBytes > ImportLimits.MaxFileBytes)
        {
            throw new FeedFormatException("import", entryName, $"declares {declaredBytes} bytes, over the {ImportLimits.MaxFileBytes}-byte cap for one file");
        }
    }

    private static Stream OpenZipEntry(string entryName, ZipArchiveEntry entry)
    {
        try
        {
            return entry.Open();
        }
        catch (InvalidDataException e)
        {
            throw new FeedFormatException("import", entryName, $"unreadable zip entry: {e.Message}");
        }
    }

    /// <summary>The first bytes, which tell the kind; a decompressor's complaint about them is this file's damage.</summary>
    private static async Task<int> ReadHeadAsync(string name, Stream content, byte[] head, CancellationToken cancellationToken)
    {
        try
        {
            return await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PrefixedStream.IsDecompressorDamage(e))
        {
            throw new FeedFormatException("import", name, $"damaged compressed data: {e.Message}");
        }
    }
}

using System.Security.Cryptography;
using Snapsight.Advisories.Feeds;
using Snapsight.Advisories.Store;

namespace Snapsight.Advisories.Import;

/// <summary>
/// <c>db import</c> and the second half of <c>db update</c>: reads feed files into a private copy
/// of the store and, only when every path has been read, renames the copy over the store
/// (rename is atomic within a folder), so a failed or interrupted import leaves the previous
/// store exactly as it was. Each file's format is recognised from its content; a file no
/// format claims is reported, not guessed at, and an import in which no file is claimed at all
/// is an error that leaves the store alone. A file damaged part-way keeps what was read before
/// the damage and is reported; a broken archive or folder (the container, not one file) ends the import.
/// </summary>
public static class StoreImporter
{
    public static async Task<ImportSummary> ImportAsync(
        string storePath, IReadOnlyList<string> paths, IProgress<ImportProgress>? progress, CancellationToken cancellationToken,
        bool replace = false)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(storePath))!;
        Directory.CreateDirectory(folder);
        var working = Path.Combine(folder, $".{Path.GetFileName(storePath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (!replace && File.Exists(storePath))
            {
                AdvisoryStore.Check(storePath);
                File.Copy(storePath, working);
            }

            var files = new List<FeedBuild>();
            var unrecognised = new List<string>();
            IReadOnlyList<(string Where, string Reason)> skipped;
            using (var writer = StoreWriter.Open(working))
            {
                foreach (var path in paths)
                {
                    var before = writer.Count;
                    var formats = new SortedSet<string>(StringComparer.Ordinal);
                    await foreach (var input in FeedInputs.EnumerateAsync(path, cancellationToken).ConfigureAwait(false))
                    {
                        string? format;
                        try
                        {
                            format = await ReadOneAsync(input, writer, cancellationToken).ConfigureAwait(false);
                        }
                        catch (FeedFormatException e) when (e.Structure == input.Name || e.Layer != "import")
                        {
                            // One damaged file: what it gave before the damage stays, the rest is reported, the others go on.
                            writer.Skipped(e.Structure, $"{e.Layer}: {e.Problem}");
                            continue;
                        }

                        if (format is null)
                        {
                            unrecognised.Add(input.Name);
                        }
                        else
                        {
                            formats.Add(format);
                        }

                        progress?.Report(new ImportProgress(input.Name, writer.Count));
                    }

                    if (formats.Count > 0)
                    {
                        var build = new FeedBuild(string.Join(',', formats), Path.GetFullPath(path), LastWrite(path), writer.Count - before, await HashAsync(path, cancellationToken).ConfigureAwait(false));
                        writer.AddFeedBuild(build);
                        files.Add(build);
                    }
                }

                if (files.Count == 0)
                {
                    throw new FeedFormatException("import", string.Join(", ", paths), "none of the files is in a feed format snapsight knows; the database was left as it was");
                }

                writer.Commit(DateTimeOffset.UtcNow);
                skipped = writer.SkippedRecords;
            }

            File.Move(working, storePath, overwrite: true);
            return new ImportSummary(files, unrecognised, skipped);
        }
        finally
        {
            File.Delete(working);
        }
    }

    /// <summary>Reads one file with the format that recognises it; null when none does.</summary>
    internal static async Task<string?> ReadOneAsync(FeedInput input, IFeedSink sink, CancellationToken cancellationToken)
    {
        var head = new byte[FeedFormats.HeadBytes];
        var length = await input.Content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var format = FeedFormats.Recognise(head.AsSpan(0, length));
        if (format is null)
        {
            return null;
        }

        await format.ReadAsync(new PrefixedStream(head.AsMemory(0, length), input.Content, input.Name), input.Name, sink, cancellationToken).ConfigureAwait(false);
        return format.Name;
    }

    private static DateTimeOffset LastWrite(string path) =>
        Directory.Exists(path) ? Directory.GetLastWriteTimeUtc(path) : File.GetLastWriteTimeUtc(path);

    /// <summary>The SHA-256 of a file, or of a directory's files' names and hashes in name order.</summary>
    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            await using var file = File.OpenRead(path);
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(path, file) + "\n" + await HashAsync(file, cancellationToken).ConfigureAwait(false) + "\n"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

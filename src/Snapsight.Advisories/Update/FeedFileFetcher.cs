using System.Globalization;

namespace Snapsight.Advisories.Update;

/// <summary>
/// Fetches single files for the feed strategies: maps upstream URLs onto the mirror, picks the
/// transport, and streams each body to <c>&lt;file&gt;.partial</c> (capped, with a stall timeout)
/// before renaming it over the final name, so a final name only ever holds a whole download.
/// </summary>
internal sealed class FeedFileFetcher(FeedDownloadOptions options, HttpFeedTransport http, FeedLocation? mirror, IProgress<DownloadProgress>? progress)
{
    private const long ProgressStep = 1 << 20;

    public FeedDownloadOptions Options => options;

    public FeedLocation? Mirror => mirror;

    /// <summary>Where <paramref name="upstream"/> is read from: the mirror's copy when there is a mirror.</summary>
    public Uri Locate(Uri upstream) => mirror?.Map(upstream) ?? upstream;

    /// <summary>Downloads <paramref name="url"/> (already located) to <paramref name="target"/>; true when the held copy was unchanged.</summary>
    public async Task<bool> FetchFileAsync(FeedRequest request, string target, bool conditional, long maxBytes, CancellationToken cancellationToken)
    {
        var previous = conditional ? FeedFileState.Read(target, request.Url) : null;
        await using var response = await TransportFor(request).OpenAsync(request with { Previous = previous }, cancellationToken).ConfigureAwait(false);
        if (response.NotModified)
        {
            return true;
        }

        if (response.Length > maxBytes)
        {
            throw request.Failure($"{response.Length} bytes, larger than the {maxBytes}-byte cap");
        }

        var partial = target + ".partial";
        try
        {
            await using (var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await CopyAsync(request, response, output, maxBytes, cancellationToken).ConfigureAwait(false);
            }

            FeedFileState.Delete(target);
            File.Move(partial, target, overwrite: true);
            if (conditional && !response.Validators.IsEmpty)
            {
                FeedFileState.Write(target, request.Url, response.Validators);
            }
        }
        finally
        {
            File.Delete(partial);
        }

        return false;
    }

    /// <summary>A small index file (mirror.list, repomd.xml, archive_latest.txt) read whole, unconditionally.</summary>
    public async Task<byte[]> FetchIndexAsync(FeedRequest request, CancellationToken cancellationToken)
    {
        await using var response = await TransportFor(request).OpenAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Length > options.MaxIndexBytes)
        {
            throw request.Failure($"{response.Length} bytes, larger than the {options.MaxIndexBytes}-byte cap for an index file");
        }

        using var buffer = new MemoryStream();
        await CopyAsync(request, response, buffer, options.MaxIndexBytes, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private IFeedTransport TransportFor(FeedRequest request) => request.Url.Scheme switch
    {
        "file" => LocalFeedTransport.Instance,
        "http" or "https" => http,
        _ => throw request.Failure("only http, https and file URLs are fetched"),
    };

    private async Task CopyAsync(FeedRequest request, FeedResponse response, Stream output, long maxBytes, CancellationToken cancellationToken)
    {
        var content = response.Content!;
        var buffer = new byte[81920];
        var file = Path.GetFileName(request.Url.LocalPath);
        long written = 0;
        long reported = 0;
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        progress?.Report(new DownloadProgress(request.Feed, file, 0, response.Length));
        while (true)
        {
            stall.CancelAfter(options.StallTimeout);
            var read = await ReadAsync(request, content, buffer, written, stall.Token, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            if (written + read > maxBytes)
            {
                throw request.Failure($"larger than the {maxBytes}-byte cap");
            }

            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            written += read;
            if (written - reported >= ProgressStep)
            {
                reported = written;
                progress?.Report(new DownloadProgress(request.Feed, file, written, response.Length));
            }
        }

        if (response.Length is { } length && written != length)
        {
            throw request.Failure(string.Create(CultureInfo.InvariantCulture, $"body ended after {written} of {length} bytes"));
        }

        progress?.Report(new DownloadProgress(request.Feed, file, written, response.Length ?? written));
    }

    private async Task<int> ReadAsync(FeedRequest request, Stream content, byte[] buffer, long written, CancellationToken stall, CancellationToken cancellationToken)
    {
        try
        {
            return await content.ReadAsync(buffer, stall).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw request.Failure($"stalled: nothing received for {options.StallTimeout.TotalSeconds:0} s after {written} bytes", e);
        }
        catch (IOException e)
        {
            throw request.Failure($"transfer broke after {written} bytes: {e.Message}", e);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Snapsight.Advisories.Update;

/// <summary>
/// Pages through the NVD CVE API 2.0 (startIndex / resultsPerPage), saving each answer as
/// page-NNNNNN.json, pacing requests to NVD's rate limit and sending the apiKey header when a
/// key is set. A mirror holds the pages as static files, &lt;mirror&gt;/services.nvd.nist.gov/rest/json/cves/2.0/page-&lt;startIndex&gt;.json.
/// The next page starts after the CVEs actually received, so a short page is never skipped past.
/// </summary>
internal sealed class NvdPager(FeedFileFetcher fetcher)
{
    private const string PagePrefix = "page-";

    /// <summary>One page's answer is at most a few tens of megabytes; the cap keeps a hostile one out of memory.</summary>
    private const long MaxPageBytes = 256L << 20;

    public async Task<IReadOnlyList<string>> DownloadAsync(string feed, Uri api, string folder, CancellationToken cancellationToken)
    {
        var options = fetcher.Options;
        var keyed = options.NvdApiKey is not null;
        IReadOnlyList<KeyValuePair<string, string>> headers = keyed ? [new("apiKey", options.NvdApiKey!)] : [];
        var interval = keyed ? options.NvdKeyedRequestInterval : options.NvdRequestInterval;
        var files = new List<string>();
        var sinceLastRequest = (Stopwatch?)null;
        long start = 0;
        while (true)
        {
            var request = new FeedRequest(feed, PageUrl(api, start), Headers: headers);
            if (files.Count >= options.NvdMaxPages)
            {
                throw request.Failure($"more than {options.NvdMaxPages} pages");
            }

            if (fetcher.Mirror is null && sinceLastRequest is not null && sinceLastRequest.Elapsed < interval)
            {
                await Task.Delay(interval - sinceLastRequest.Elapsed, cancellationToken).ConfigureAwait(false);
            }

            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{PagePrefix}{files.Count:D6}.json"));
            await fetcher.FetchFileAsync(request, path, conditional: false, MaxPageBytes, cancellationToken).ConfigureAwait(false);

            // Timed from the end of the answer: the limit is counted where NVD receives requests, so this errs on the safe side.
            sinceLastRequest = Stopwatch.StartNew();
            files.Add(path);
            var (total, received) = ReadCounts(path, request);
            start += received;
            if (received == 0 || start >= total)
            {
                break;
            }
        }

        RemovePagesBeyond(folder, files.Count);
        return files;
    }

    private Uri PageUrl(Uri api, long start) => fetcher.Mirror is { } mirror
        ? mirror.Map(new Uri(string.Create(CultureInfo.InvariantCulture, $"{api.AbsoluteUri.TrimEnd('/')}/{PagePrefix}{start}.json")))
        : new Uri(string.Create(CultureInfo.InvariantCulture, $"{api.AbsoluteUri}?startIndex={start}&resultsPerPage={fetcher.Options.NvdResultsPerPage}"));

    /// <summary>totalResults and the number of CVEs this page carries.</summary>
    private static (long Total, int Received) ReadCounts(string path, FeedRequest request)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("totalResults", out var total) && total.TryGetInt64(out var totalResults)
                && root.TryGetProperty("vulnerabilities", out var vulnerabilities) && vulnerabilities.ValueKind == JsonValueKind.Array)
            {
                return (totalResults, vulnerabilities.GetArrayLength());
            }
        }
        catch (JsonException e)
        {
            throw request.Failure($"not a CVE API answer: {e.Message}", e);
        }

        throw request.Failure("not a CVE API answer: no totalResults and vulnerabilities");
    }

    /// <summary>Pages left from an earlier, longer download would otherwise linger beside the current ones.</summary>
    private static void RemovePagesBeyond(string folder, int count)
    {
        foreach (var page in Directory.EnumerateFiles(folder, PagePrefix + "*.json"))
        {
            var number = Path.GetFileNameWithoutExtension(page)[PagePrefix.Length..];
            if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index >= count)
            {
                File.Delete(page);
            }
        }
    }
}

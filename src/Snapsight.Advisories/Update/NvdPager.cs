using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Snapsight.Advisories.Update;

/// <summary>
/// Pages through the NVD CVE API 2.0 (startIndex / resultsPerPage), saving each answer as a file,
/// pacing requests to NVD's rate limit and sending the apiKey header when a key is set. The next
/// page starts after the CVEs actually received, so a short page is never skipped past.
/// <para>
/// The first download is full (page-NNNNNN.json). Later ones, while the last success is under
/// NVD's 120-day range limit, ask only for CVEs modified since it started
/// (lastModStartDate / lastModEndDate) and save them as a change set (changes-SSSS-NNNNNN.json)
/// after the files already held: the feed's file list is then the full pages and every change
/// set in order, and a CVE seen again later supersedes its earlier copy.
/// </para>
/// <para>
/// A mirror holds the full pages as static files,
/// &lt;mirror&gt;/services.nvd.nist.gov/rest/json/cves/2.0/page-&lt;startIndex&gt;.json, and is always read whole.
/// </para>
/// </summary>
internal sealed class NvdPager(FeedFileFetcher fetcher)
{
    /// <summary>NVD refuses a lastMod range over 120 days; a day's margin covers clock skew and a long run.</summary>
    private static readonly TimeSpan IncrementalLimit = TimeSpan.FromDays(119);

    /// <summary>Changes are asked for from a little before the last run started, against clock skew between us and NVD.</summary>
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(15);

    /// <summary>One page's answer is at most a few tens of megabytes; the cap keeps a hostile one out of memory.</summary>
    private const long MaxPageBytes = 256L << 20;

    private Stopwatch? sinceLastRequest;

    public async Task<IReadOnlyList<string>> DownloadAsync(string feed, Uri api, string folder, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var previous = fetcher.Mirror is null ? NvdSyncState.Read(folder) : null;
        if (previous is not null && previous.Api == api && startedAt - previous.StartedAt < IncrementalLimit)
        {
            var changeSet = previous.Files.Count(f => f.StartsWith("changes-", StringComparison.Ordinal) && f.EndsWith("-000000.json", StringComparison.Ordinal));
            var since = Query(previous.StartedAt - Overlap);
            var until = Query(startedAt);
            var changes = await PageAsync(feed, folder, string.Create(CultureInfo.InvariantCulture, $"changes-{changeSet:D4}-"), start => ApiPage(api, start, $"&lastModStartDate={since}&lastModEndDate={until}"), cancellationToken).ConfigureAwait(false);
            var files = previous.Files.Concat(changes.Select(Path.GetFileName)).ToList();
            new NvdSyncState(api, startedAt, files!).Write(folder);
            return [.. files.Select(f => Path.Combine(folder, f!))];
        }

        NvdSyncState.Delete(folder);
        var pages = await PageAsync(feed, folder, "page-", start => fetcher.Mirror is { } mirror ? MirrorPage(mirror, api, start) : ApiPage(api, start, ""), cancellationToken).ConfigureAwait(false);
        RemoveOthers(folder, pages);
        if (fetcher.Mirror is null)
        {
            new NvdSyncState(api, startedAt, [.. pages.Select(Path.GetFileName)!]).Write(folder);
        }

        return pages;
    }

    private async Task<List<string>> PageAsync(string feed, string folder, string prefix, Func<long, Uri> pageUrl, CancellationToken cancellationToken)
    {
        var options = fetcher.Options;
        var keyed = options.NvdApiKey is not null;
        IReadOnlyList<KeyValuePair<string, string>> headers = keyed ? [new("apiKey", options.NvdApiKey!)] : [];
        var interval = keyed ? options.NvdKeyedRequestInterval : options.NvdRequestInterval;
        var files = new List<string>();
        long start = 0;
        while (true)
        {
            var request = new FeedRequest(feed, pageUrl(start), Headers: headers);
            if (files.Count >= options.NvdMaxPages)
            {
                throw request.Failure($"more than {options.NvdMaxPages} pages");
            }

            if (fetcher.Mirror is null && sinceLastRequest is not null && sinceLastRequest.Elapsed < interval)
            {
                await Task.Delay(interval - sinceLastRequest.Elapsed, cancellationToken).ConfigureAwait(false);
            }

            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{prefix}{files.Count:D6}.json"));
            await fetcher.FetchFileAsync(request, path, conditional: false, MaxPageBytes, cancellationToken).ConfigureAwait(false);

            // Timed from the end of the answer: the limit is counted where NVD receives requests, so this errs on the safe side.
            sinceLastRequest = Stopwatch.StartNew();
            files.Add(path);
            var (total, received) = ReadCounts(path, request);
            start += received;
            if (received == 0 || start >= total)
            {
                return files;
            }
        }
    }

    private Uri ApiPage(Uri api, long start, string range) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{api.AbsoluteUri}?startIndex={start}&resultsPerPage={fetcher.Options.NvdResultsPerPage}{range}"));

    private static Uri MirrorPage(FeedLocation mirror, Uri api, long start) =>
        mirror.Map(new Uri(string.Create(CultureInfo.InvariantCulture, $"{api.AbsoluteUri.TrimEnd('/')}/page-{start}.json")));

    /// <summary>NVD's extended ISO-8601 form, escaped for a query.</summary>
    private static string Query(DateTimeOffset when) =>
        Uri.EscapeDataString(when.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+00:00'", CultureInfo.InvariantCulture));

    /// <summary>totalResults and the number of CVEs this page carries (NVD leaves the array out of an empty answer).</summary>
    private static (long Total, int Received) ReadCounts(string path, FeedRequest request)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("totalResults", out var total) && total.TryGetInt64(out var totalResults))
            {
                if (root.TryGetProperty("vulnerabilities", out var vulnerabilities) && vulnerabilities.ValueKind == JsonValueKind.Array)
                {
                    return (totalResults, vulnerabilities.GetArrayLength());
                }

                if (totalResults == 0)
                {
                    return (0, 0);
                }
            }
        }
        catch (JsonException e)
        {
            throw request.Failure($"not a CVE API answer: {e.Message}", e);
        }

        throw request.Failure("not a CVE API answer: no totalResults and vulnerabilities");
    }

    /// <summary>After a full download, pages and change sets from earlier downloads would otherwise linger beside the current ones.</summary>
    private static void RemoveOthers(string folder, List<string> current)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            var name = Path.GetFileName(file);
            if ((name.StartsWith("page-", StringComparison.Ordinal) || name.StartsWith("changes-", StringComparison.Ordinal)) && !current.Contains(file))
            {
                File.Delete(file);
            }
        }
    }
}

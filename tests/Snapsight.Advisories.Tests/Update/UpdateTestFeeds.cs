using Snapsight.Advisories.Update;

namespace Snapsight.Advisories.Tests.Update;

/// <summary>Feeds and options for the download tests: one-file feeds at test URLs, and bounds small enough to hit quickly.</summary>
internal static class UpdateTestFeeds
{
    public static FeedDownloadOptions Fast { get; } = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromSeconds(5),
        ResponseTimeout = TimeSpan.FromSeconds(10),
        StallTimeout = TimeSpan.FromSeconds(10),
        NvdRequestInterval = TimeSpan.Zero,
        NvdKeyedRequestInterval = TimeSpan.Zero,
    };

    public static FeedSource Single(string name, Uri url, string localName = "feed.json") =>
        new(name, "kev", FeedFetch.Direct, [new FeedFile(url, localName)]);

    public static async Task<IReadOnlyList<DownloadedFeed>> DownloadAsync(FeedDownloadOptions options, string folder, params FeedSource[] feeds)
    {
        using var downloader = new FeedDownloader(options);
        return await downloader.DownloadAsync(feeds, null, folder, null, CancellationToken.None);
    }

    /// <summary>Every file in <paramref name="folder"/> (recursively) whose name says it is half-written.</summary>
    public static IEnumerable<string> PartialFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.partial", SearchOption.AllDirectories);
}

namespace Snapsight.Advisories.Update;

/// <summary>
/// The download half of <c>db update</c>: fetches each feed's files into
/// <c>&lt;downloadDir&gt;/&lt;feed&gt;/</c>, from upstream or a <see cref="FeedLocation"/> mirror, with
/// conditional requests against what is already there. All or nothing: the first feed that fails
/// throws <see cref="FeedDownloadException"/>, naming it and its URL, and the caller keeps its
/// previous database. Files already replaced by then are whole and carry their own state, so the
/// next update picks up from them.
/// </summary>
public sealed class FeedDownloader(FeedDownloadOptions options) : IDisposable
{
    private readonly HttpFeedTransport http = new(options);

    public FeedDownloader()
        : this(FeedDownloadOptions.FromEnvironment())
    {
    }

    public async Task<IReadOnlyList<DownloadedFeed>> DownloadAsync(
        IReadOnlyList<FeedSource> feeds,
        FeedLocation? mirror,
        string downloadDir,
        IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        var fetcher = new FeedFileFetcher(options, http, mirror, progress);
        var downloaded = new List<DownloadedFeed>();
        foreach (var feed in feeds)
        {
            var folder = Directory.CreateDirectory(Path.Combine(downloadDir, feed.Name)).FullName;
            downloaded.Add(feed.Fetch == FeedFetch.NvdApi
                ? new DownloadedFeed(feed.Name, feed.Format, await new NvdPager(fetcher).DownloadAsync(feed.Name, feed.Files[0].Url, folder, cancellationToken).ConfigureAwait(false), NotModified: false)
                : await DownloadFilesAsync(fetcher, feed, folder, cancellationToken).ConfigureAwait(false));
        }

        return downloaded;
    }

    public void Dispose() => http.Dispose();

    private static async Task<DownloadedFeed> DownloadFilesAsync(FeedFileFetcher fetcher, FeedSource feed, string folder, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        var allUnchanged = true;
        foreach (var file in feed.Files)
        {
            var upstream = await ResolveAsync(fetcher, feed, file.Url, cancellationToken).ConfigureAwait(false);
            var target = Path.Combine(folder, file.LocalName);
            var request = new FeedRequest(feed.Name, fetcher.Locate(upstream));
            allUnchanged &= await fetcher.FetchFileAsync(request, target, conditional: true, fetcher.Options.MaxFileBytes, cancellationToken).ConfigureAwait(false);
            files.Add(target);
        }

        return new DownloadedFeed(feed.Name, feed.Format, files, allUnchanged);
    }

    /// <summary>The upstream URL of the file itself, following the feed's index files.</summary>
    private static async Task<Uri> ResolveAsync(FeedFileFetcher fetcher, FeedSource feed, Uri url, CancellationToken cancellationToken)
    {
        switch (feed.Fetch)
        {
            case FeedFetch.YumUpdateInfo:
            {
                var mirrorList = new FeedRequest(feed.Name, fetcher.Locate(url));
                var repository = YumRepository.FromMirrorList(await fetcher.FetchIndexAsync(mirrorList, cancellationToken).ConfigureAwait(false), mirrorList);
                var repomd = new FeedRequest(feed.Name, fetcher.Locate(new Uri(repository, "repodata/repomd.xml")));
                return YumRepository.UpdateInfo(repository, await fetcher.FetchIndexAsync(repomd, cancellationToken).ConfigureAwait(false), repomd);
            }

            case FeedFetch.LatestPointer:
            {
                var pointer = new FeedRequest(feed.Name, fetcher.Locate(url));
                return LatestPointer.Target(url, await fetcher.FetchIndexAsync(pointer, cancellationToken).ConfigureAwait(false), pointer);
            }

            default:
                return url;
        }
    }
}

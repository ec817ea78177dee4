namespace Snapsight.Advisories.Update;

/// <summary>A feed that could not be downloaded: which feed, which URL, and what went wrong. The whole update fails with it.</summary>
public sealed class FeedDownloadException(string feed, Uri url, string problem, Exception? inner = null)
    : Exception($"feed {feed}: {url}: {problem}", inner)
{
    public string Feed { get; } = feed;

    public Uri Url { get; } = url;

    public string Problem { get; } = problem;
}

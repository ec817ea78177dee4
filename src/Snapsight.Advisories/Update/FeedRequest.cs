namespace Snapsight.Advisories.Update;

/// <summary>One URL to open for a feed, with the validators of the copy already held (if any) and extra headers (NVD's apiKey).</summary>
internal sealed record FeedRequest(string Feed, Uri Url, FeedValidators? Previous = null, IReadOnlyList<KeyValuePair<string, string>>? Headers = null)
{
    public FeedDownloadException Failure(string problem, Exception? inner = null) => new(Feed, Url, problem, inner);
}

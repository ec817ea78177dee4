namespace Snapsight.Advisories.Update;

/// <summary>
/// One feed <c>db update</c> can fetch: its stable name (what <c>--only</c> takes), the
/// <see cref="Feeds.IFeedFormat"/> name of its content, how it is fetched and from where.
/// </summary>
public sealed record FeedSource(string Name, string Format, FeedFetch Fetch, IReadOnlyList<FeedFile> Files);

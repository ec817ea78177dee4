namespace Snapsight.Advisories.Store;

/// <summary>One feed file in a store's build record: its format, where it came from, when it was fetched, how many items it gave, and its SHA-256.</summary>
public sealed record FeedBuild(string Format, string Source, DateTimeOffset FetchedAt, long Records, string Sha256);

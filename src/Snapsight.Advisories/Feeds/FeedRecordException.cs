namespace Snapsight.Advisories.Feeds;

/// <summary>One record of a feed that cannot be read; the format reports it to <see cref="IFeedSink.Skipped"/> and reads on.</summary>
public sealed class FeedRecordException(string problem) : Exception(problem);

namespace Snapsight.Advisories.Update;

/// <summary>What a server said identifies the content it sent, for the next request's If-None-Match / If-Modified-Since.</summary>
internal sealed record FeedValidators(string? ETag, DateTimeOffset? LastModified)
{
    public bool IsEmpty => ETag is null && LastModified is null;
}

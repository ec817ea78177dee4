namespace Snapsight.Advisories.Tests.Update;

/// <summary>What <see cref="LocalFeedServer"/> saw of one request: path, query, the conditional and apiKey headers, and when.</summary>
internal sealed record RecordedRequest(string Path, string Query, string? IfNoneMatch, string? IfModifiedSince, string? ApiKey, DateTimeOffset At);

namespace Snapsight.Advisories.Update;

/// <summary>Bounds and pacing of <see cref="FeedDownloader"/>. The defaults suit the real feeds; tests shrink them.</summary>
public sealed record FeedDownloadOptions
{
    /// <summary>The environment variable holding an NVD API key, sent as the apiKey header when set.</summary>
    public const string NvdApiKeyVariable = "SNAPSIGHT_NVD_API_KEY";

    /// <summary>Largest single download. Red Hat's VEX archive, the biggest feed, is well under it.</summary>
    public long MaxFileBytes { get; init; } = 4L << 30;

    /// <summary>Largest small index file read into memory (mirror.list, repomd.xml, archive_latest.txt).</summary>
    public int MaxIndexBytes { get; init; } = 4 << 20;

    /// <summary>How long to wait for a server's response headers.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a body may send nothing before the download is given up as stalled.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Attempts per request when the server answers 5xx or 429 or the connection fails.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>First back-off delay; doubled on each further attempt.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Cap on any back-off, including a server's Retry-After.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    public int MaxRedirects { get; init; } = 10;

    public string? NvdApiKey { get; init; }

    /// <summary>NVD's published limit is 5 requests per rolling 30 s without a key and 50 with one.</summary>
    public TimeSpan NvdRequestInterval { get; init; } = TimeSpan.FromSeconds(6);

    public TimeSpan NvdKeyedRequestInterval { get; init; } = TimeSpan.FromSeconds(0.6);

    /// <summary>NVD's maximum page size for the CVE API.</summary>
    public int NvdResultsPerPage { get; init; } = 2000;

    /// <summary>Refuse a CVE API answer needing more pages than this (a broken totalResults).</summary>
    public int NvdMaxPages { get; init; } = 1000;

    /// <summary>The defaults, with the NVD API key from <see cref="NvdApiKeyVariable"/>.</summary>
    public static FeedDownloadOptions FromEnvironment() =>
        new() { NvdApiKey = Environment.GetEnvironmentVariable(NvdApiKeyVariable) is { Length: > 0 } key ? key : null };
}

namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>
/// How an <see cref="EbsDirectClient"/> talks to the EBS direct APIs. The defaults follow
/// docs/cloud/aws-ebs-direct.md: 80 % of the default per-account quotas, a few retries with
/// capped exponential backoff and full jitter.
/// </summary>
public sealed record EbsDirectOptions
{
    /// <summary>The region's endpoint, https://ebs.REGION.amazonaws.com by default (a fake on loopback in tests).</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>GetSnapshotBlock calls a second (quota 1,000 per account, L-C125AE42).</summary>
    public double GetSnapshotBlockPerSecond { get; init; } = 800;

    /// <summary>ListSnapshotBlocks and ListChangedBlocks calls a second (quota 50 each, L-18E976AB, L-DB2FBAA1).</summary>
    public double ListPerSecond { get; init; } = 40;

    /// <summary>Attempts per call, the first included; throttling, 5xx and transport failures are retried.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>The first retry waits up to this long (full jitter), doubling each time up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Blocks asked for per list call (MaxResults, 100 to 10,000).</summary>
    public int PageSize { get; init; } = EbsLimits.MaxPageSize;

    /// <summary>The longest JSON body read; 10,000 blocks with 256-character tokens fit in about 3 MiB.</summary>
    public int MaxJsonBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>The most written blocks a snapshot may list before opening it is refused (4 Mi blocks = 2 TiB written).</summary>
    public long MaxListedBlocks { get; init; } = 4L * 1024 * 1024;

    internal Uri EndpointFor(string region) => Endpoint ?? new Uri($"https://ebs.{region}.amazonaws.com");
}

using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Snapsight.Cloud.Aws.Signing;
using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>
/// The EBS direct read APIs over HTTPS, signed with Signature Version 4 (service "ebs"):
/// ListSnapshotBlocks, GetSnapshotBlock and ListChangedBlocks. Each call waits for a token of its
/// rate limit, is retried on throttling, 5xx and transport failures with capped exponential
/// backoff and full jitter (this is the one layer that retries), and fails with a
/// <see cref="CloudProviderException"/>. Every block's SHA-256 is verified; every response is
/// bounded before it is read. Thread-safe.
/// </summary>
public sealed partial class EbsDirectClient
{
    private const string Service = "ebs";

    private readonly HttpClient _http;
    private readonly IAwsCredentialSource _credentials;
    private readonly TimeProvider _time;
    private readonly TokenBucket _blockRate;
    private readonly TokenBucket _listRate;
    private readonly Uri _endpoint;

    public EbsDirectClient(HttpClient http, string region, IAwsCredentialSource credentials, EbsDirectOptions options, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PageSize, EbsLimits.MinPageSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.PageSize, EbsLimits.MaxPageSize);
        // The region goes into the endpoint's host name and the signing scope.
        if (region is not { Length: > 0 and <= 32 } || !region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException($"'{region}' is not a region name", nameof(region));
        }

        _http = http;
        Region = region;
        _credentials = credentials;
        Options = options;
        _time = time;
        _blockRate = new TokenBucket(options.GetSnapshotBlockPerSecond, Math.Max(1, (int)options.GetSnapshotBlockPerSecond), time);
        _listRate = new TokenBucket(options.ListPerSecond, Math.Max(1, (int)options.ListPerSecond), time);
        _endpoint = options.EndpointFor(region);
    }

    public string Region { get; }

    public EbsDirectOptions Options { get; }

    public EbsReadCounters Counters { get; } = new();

    /// <summary>
    /// One page of the written blocks of a completed snapshot, from <paramref name="startingBlockIndex"/>
    /// on: the first page asks for that index, later ones (with <paramref name="nextToken"/>) only
    /// check that the service kept to it.
    /// </summary>
    public async Task<EbsPage<EbsBlock>> ListSnapshotBlocksAsync(
        string snapshotId, string? nextToken, long startingBlockIndex, CancellationToken cancellationToken)
    {
        CheckSnapshotId(snapshotId);
        var query = PageQuery(nextToken, startingBlockIndex);
        var json = await GetJsonAsync("ListSnapshotBlocks", snapshotId, $"/snapshots/{snapshotId}/blocks", query, cancellationToken).ConfigureAwait(false);
        return EbsResponseParser.ParseSnapshotBlocks(json, snapshotId, startingBlockIndex, Options.PageSize);
    }

    /// <summary>
    /// One page of the blocks that differ between <paramref name="firstSnapshotId"/> (null: every
    /// written block) and <paramref name="secondSnapshotId"/>, two snapshots of the same volume.
    /// </summary>
    public async Task<EbsPage<EbsChangedBlock>> ListChangedBlocksAsync(
        string? firstSnapshotId, string secondSnapshotId, string? nextToken, long startingBlockIndex, CancellationToken cancellationToken)
    {
        CheckSnapshotId(secondSnapshotId);
        var query = PageQuery(nextToken, startingBlockIndex);
        if (firstSnapshotId is not null)
        {
            CheckSnapshotId(firstSnapshotId);
            query.Insert(0, ("firstSnapshotId", firstSnapshotId));
        }

        var json = await GetJsonAsync("ListChangedBlocks", secondSnapshotId, $"/snapshots/{secondSnapshotId}/changedblocks", query, cancellationToken)
            .ConfigureAwait(false);
        return EbsResponseParser.ParseChangedBlocks(json, secondSnapshotId, startingBlockIndex, Options.PageSize);
    }

    /// <summary>
    /// Reads block <paramref name="blockIndex"/> into <paramref name="destination"/> (exactly
    /// 512 KiB) and verifies its SHA-256 against the x-amz-Checksum the service sent.
    /// </summary>
    public async Task GetSnapshotBlockAsync(
        string snapshotId, long blockIndex, string blockToken, Memory<byte> destination, CancellationToken cancellationToken)
    {
        CheckSnapshotId(snapshotId);
        ArgumentOutOfRangeException.ThrowIfNegative(blockIndex);
        ArgumentOutOfRangeException.ThrowIfNotEqual(destination.Length, EbsLimits.BlockSize);
        if (!EbsLimits.IsToken(blockToken))
        {
            throw new CloudProviderException(CloudErrorCode.InvalidParameter, snapshotId, $"ebs: block {blockIndex} of {snapshotId} has no valid block token");
        }

        var path = $"/snapshots/{snapshotId}/blocks/{blockIndex.ToString(CultureInfo.InvariantCulture)}";
        await SendAsync("GetSnapshotBlock", snapshotId, path, [("blockToken", blockToken)], _blockRate, Counters.CountGetSnapshotBlockCall,
            (response, ct) => ReadBlockAsync(response, snapshotId, blockIndex, destination, ct), cancellationToken).ConfigureAwait(false);
        Counters.CountBlockFetched();
    }

    private List<(string Name, string Value)> PageQuery(string? nextToken, long startingBlockIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startingBlockIndex);
        List<(string, string)> query = [("maxResults", Options.PageSize.ToString(CultureInfo.InvariantCulture))];
        query.Add(nextToken is null
            ? ("startingBlockIndex", startingBlockIndex.ToString(CultureInfo.InvariantCulture))
            : ("pageToken", nextToken));
        return query;
    }

    private Task<byte[]> GetJsonAsync(string call, string snapshotId, string path, List<(string, string)> query, CancellationToken cancellationToken) =>
        SendAsync(call, snapshotId, path, query, _listRate, Counters.CountListCall,
            (response, ct) => ReadBoundedAsync(response, Options.MaxJsonBytes, call, snapshotId, ct), cancellationToken);

    private static void CheckSnapshotId(string snapshotId)
    {
        if (!EbsLimits.IsSnapshotId(snapshotId))
        {
            throw new CloudProviderException(CloudErrorCode.InvalidParameter, null, $"ebs: '{snapshotId}' is not a snapshot id (snap- and 8 or 17 hex digits)");
        }
    }

    /// <summary>Reads and verifies a block answer; returns its length (always the block size).</summary>
    private static async Task<int> ReadBlockAsync(HttpResponseMessage response, string snapshotId, long blockIndex, Memory<byte> destination, CancellationToken cancellationToken)
    {
        const string call = "GetSnapshotBlock";
        var declared = Header(response, "x-amz-Data-Length");
        if (declared != EbsLimits.BlockSize.ToString(CultureInfo.InvariantCulture))
        {
            throw EbsResponseParser.Corrupt(call, snapshotId, $"block {blockIndex} is {declared ?? "of no declared"} bytes long, not {EbsLimits.BlockSize}");
        }

        if (Header(response, "x-amz-Checksum-Algorithm") != "SHA256" || Header(response, "x-amz-Checksum") is not { } checksum)
        {
            throw EbsResponseParser.Corrupt(call, snapshotId, $"block {blockIndex} came without a SHA256 checksum");
        }

        var length = await ReadIntoAsync(response, destination, call, snapshotId, cancellationToken).ConfigureAwait(false);
        if (length != EbsLimits.BlockSize)
        {
            throw EbsResponseParser.Corrupt(call, snapshotId, $"block {blockIndex} ended after {length} of {EbsLimits.BlockSize} bytes");
        }

        var actual = Convert.ToBase64String(SHA256.HashData(destination.Span));
        if (!string.Equals(actual, checksum, StringComparison.Ordinal))
        {
            throw new CloudProviderException(CloudErrorCode.Corrupt, snapshotId,
                $"ebs: block {blockIndex} of {snapshotId} failed its checksum: the service sent SHA-256 {Clip(checksum)}, the data has {actual}");
        }

        return length;
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, int limit, string call, string snapshotId, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > limit)
        {
            throw EbsResponseParser.Corrupt(call, snapshotId, $"the body is {response.Content.Headers.ContentLength} bytes, over the {limit}-byte limit");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        int n;
        while ((n = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + n > limit)
            {
                throw EbsResponseParser.Corrupt(call, snapshotId, $"the body runs past the {limit}-byte limit");
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads the body into <paramref name="destination"/>; a body longer than it is refused without reading on.</summary>
    private static async Task<int> ReadIntoAsync(HttpResponseMessage response, Memory<byte> destination, string call, string snapshotId, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var done = 0;
        int n;
        while (done < destination.Length && (n = await stream.ReadAsync(destination[done..], cancellationToken).ConfigureAwait(false)) > 0)
        {
            done += n;
        }

        var probe = new byte[1];
        if (done == destination.Length && await stream.ReadAsync(probe, cancellationToken).ConfigureAwait(false) > 0)
        {
            throw EbsResponseParser.Corrupt(call, snapshotId, $"the block runs past {destination.Length} bytes");
        }

        return done;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? values.FirstOrDefault() : null;

    private static string Clip(string text) => text.Length > 64 ? text[..64] + "…" : text;

    private static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;
}

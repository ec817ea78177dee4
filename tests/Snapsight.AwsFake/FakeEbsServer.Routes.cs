using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Snapsight.Cloud.Aws.Ebs;
using Snapsight.Cloud.Aws.Signing;

namespace Snapsight.AwsFake;

public sealed partial class FakeEbsServer
{
    private readonly byte[] _tokenKey = RandomNumberGenerator.GetBytes(32);

    private async Task RouteAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body).ConfigureAwait(false);
        var (caller, problem) = FakeSigV4.Verify(context, body.ToArray(), Authority.Credentials,
            (region, service) => service != "ebs" ? $"service {service} is not ebs" : Authority.RegionProblem(region));
        if (caller is null)
        {
            Interlocked.Increment(ref _rejectedSignatures);
            Error(context, 403, "InvalidSignatureException", problem!);
            return;
        }

        var raw = context.Request.RawUrl ?? "/";
        var question = raw.IndexOf('?', StringComparison.Ordinal);
        var segments = (question < 0 ? raw : raw[..question]).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var query = SigV4HttpSigner.Query(new Uri("http://x" + (question < 0 ? "" : raw[question..]))).ToDictionary(p => p.Key, p => p.Value);
        if (context.Request.HttpMethod != "GET" || segments is not ["snapshots", var id, ..] || segments.Length > 4)
        {
            Error(context, 404, "UnknownOperationException", $"no operation at {context.Request.HttpMethod} {raw}");
            return;
        }

        if (Authority.Refusal(caller, id) is { } refusal)
        {
            Error(context, refusal.Status, refusal.Type, refusal.Message, refusal.Reason);
            return;
        }

        if (!_snapshots.TryGetValue(id, out var snapshot))
        {
            Error(context, 404, "ResourceNotFoundException", $"The snapshot '{id}' does not exist.", "SNAPSHOT_NOT_FOUND");
            return;
        }

        if (Faults.DeniedSnapshots.ContainsKey(id))
        {
            Error(context, 403, "AccessDeniedException", "User is not authorized to use the KMS key of this snapshot.", "DEPENDENCY_ACCESS_DENIED");
            return;
        }

        switch (segments)
        {
            case [_, _, "blocks"]:
                Interlocked.Increment(ref _listCalls);
                ListSnapshotBlocks(context, snapshot, query);
                break;
            case [_, _, "blocks", var index]:
                Interlocked.Increment(ref _getSnapshotBlockCalls);
                await GetSnapshotBlockAsync(context, snapshot, index, query).ConfigureAwait(false);
                break;
            case [_, _, "changedblocks"]:
                Interlocked.Increment(ref _listCalls);
                ListChangedBlocks(context, snapshot, query);
                break;
            default:
                Error(context, 404, "UnknownOperationException", $"no operation at GET {raw}");
                break;
        }
    }

    private void ListSnapshotBlocks(HttpListenerContext context, FakeEbsSnapshot snapshot, Dictionary<string, string> query)
    {
        if (!Page(context, snapshot, query, out var start, out var max))
        {
            return;
        }

        var from = LowerBound(snapshot.WrittenBlocks, start);
        var blocks = snapshot.WrittenBlocks.Skip(from).Take(max).ToList();
        var page = new JsonObject
        {
            ["Blocks"] = new JsonArray([.. blocks.Select(b => new JsonObject { ["BlockIndex"] = b, ["BlockToken"] = BlockToken(snapshot.Id, b) })]),
            ["BlockSize"] = EbsLimits.BlockSize,
            ["ExpiryTime"] = Expiry(),
            ["VolumeSize"] = snapshot.VolumeSizeGiB,
        };
        if (from + max < snapshot.WrittenBlocks.Length)
        {
            page["NextToken"] = PageToken(snapshot.Id, blocks[^1] + 1);
        }

        Json(context, page);
    }

    private void ListChangedBlocks(HttpListenerContext context, FakeEbsSnapshot second, Dictionary<string, string> query)
    {
        FakeEbsSnapshot? first = null;
        if (query.TryGetValue("firstSnapshotId", out var firstId) && !_snapshots.TryGetValue(firstId, out first))
        {
            Error(context, 404, "ResourceNotFoundException", $"The snapshot '{firstId}' does not exist.", "SNAPSHOT_NOT_FOUND");
            return;
        }

        if (!Page(context, second, query, out var start, out var max))
        {
            return;
        }

        var changed = (first?.WrittenBlocks ?? []).Union(second.WrittenBlocks).Where(b => b >= start).Order()
            .Where(b => first is null || !Same(first.HashOf(b), second.HashOf(b))).ToList();
        var blocks = changed.Take(max).ToList();
        var page = new JsonObject
        {
            ["ChangedBlocks"] = new JsonArray([.. blocks.Select(b =>
            {
                var item = new JsonObject { ["BlockIndex"] = b };
                if (first?.HashOf(b) is not null)
                {
                    item["FirstBlockToken"] = BlockToken(first.Id, b);
                }

                if (second.HashOf(b) is not null)
                {
                    item["SecondBlockToken"] = BlockToken(second.Id, b);
                }

                return item;
            })]),
            ["BlockSize"] = EbsLimits.BlockSize,
            ["ExpiryTime"] = Expiry(),
            ["VolumeSize"] = second.VolumeSizeGiB,
        };
        if (changed.Count > max)
        {
            page["NextToken"] = PageToken(second.Id, blocks[^1] + 1);
        }

        Json(context, page);
    }

    private async Task GetSnapshotBlockAsync(HttpListenerContext context, FakeEbsSnapshot snapshot, string indexText, Dictionary<string, string> query)
    {
        if (!long.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !query.TryGetValue("blockToken", out var token) || token != BlockToken(snapshot.Id, index) || snapshot.HashOf(index) is null)
        {
            Error(context, 400, "ValidationException", "The block token is not valid for this block.", "INVALID_BLOCK_TOKEN");
            return;
        }

        if (Faults.GetSnapshotBlockLatency > TimeSpan.Zero)
        {
            await Task.Delay(Faults.GetSnapshotBlockLatency).ConfigureAwait(false);
        }

        if (Faults.TakeThrottle())
        {
            Error(context, 400, "RequestThrottledException", "Rate exceeded.", "ACCOUNT_THROTTLED");
            return;
        }

        if (Faults.TakeFailure())
        {
            Error(context, 500, "InternalServerException", "An internal error occurred.");
            return;
        }

        var data = snapshot.ReadBlock(index);
        var checksum = Faults.CorruptChecksums.ContainsKey(index) ? new byte[32] : SHA256.HashData(data);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/octet-stream";
        context.Response.Headers["x-amz-Data-Length"] = data.Length.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["x-amz-Checksum"] = Convert.ToBase64String(checksum);
        context.Response.Headers["x-amz-Checksum-Algorithm"] = "SHA256";
        context.Response.ContentLength64 = data.Length;
        await context.Response.OutputStream.WriteAsync(data).ConfigureAwait(false);
        context.Response.Close();
    }

    /// <summary>Reads maxResults, pageToken and startingBlockIndex as the service validates them.</summary>
    private static bool Page(HttpListenerContext context, FakeEbsSnapshot snapshot, Dictionary<string, string> query, out long start, out int max)
    {
        start = 0;
        max = 10_000;
        if (query.TryGetValue("maxResults", out var maxText)
            && (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 100 or > 10_000))
        {
            Error(context, 400, "ValidationException", "maxResults must be from 100 to 10000.", "INVALID_PARAMETER_VALUE");
            return false;
        }

        if (query.TryGetValue("pageToken", out var pageToken))
        {
            var prefix = $"page:{snapshot.Id}:";
            var decoded = TryDecode(pageToken);
            if (decoded is null || !decoded.StartsWith(prefix, StringComparison.Ordinal) || !long.TryParse(decoded[prefix.Length..], out start))
            {
                Error(context, 400, "ValidationException", "The pagination token is not valid.", "INVALID_PAGE_TOKEN");
                return false;
            }
        }
        else if (query.TryGetValue("startingBlockIndex", out var startText) && !long.TryParse(startText, NumberStyles.None, CultureInfo.InvariantCulture, out start))
        {
            Error(context, 400, "ValidationException", "startingBlockIndex must be a non-negative integer.", "INVALID_PARAMETER_VALUE");
            return false;
        }

        return true;
    }

    private string BlockToken(string snapshotId, long index) =>
        Convert.ToBase64String(HMACSHA256.HashData(_tokenKey, Encoding.UTF8.GetBytes($"{snapshotId}:{index}")));

    private static string PageToken(string snapshotId, long next) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"page:{snapshotId}:{next}"));

    private static string? TryDecode(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Block tokens last seven days (EBS direct FAQ); epoch seconds with a fraction, as restJson1 writes timestamps.</summary>
    private static double Expiry() => DateTimeOffset.UtcNow.AddDays(7).ToUnixTimeMilliseconds() / 1000.0;

    private static int LowerBound(long[] sorted, long value)
    {
        var at = Array.BinarySearch(sorted, value);
        return at >= 0 ? at : ~at;
    }

    private static bool Same(byte[]? a, byte[]? b) => a is not null && b is not null && a.AsSpan().SequenceEqual(b);
}

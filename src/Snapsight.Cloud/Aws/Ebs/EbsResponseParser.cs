using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>
/// Reads the JSON bodies of ListSnapshotBlocks and ListChangedBlocks and checks them against the
/// API's limits and the request: block size 512 KiB, a volume size within EBS's, at most the page
/// size asked for, indices inside the volume, from the starting index on and strictly increasing,
/// tokens of the documented form. Anything else is a <see cref="CloudProviderException"/> with
/// <see cref="CloudErrorCode.Corrupt"/> naming the call, the snapshot and what is wrong.
/// </summary>
public static class EbsResponseParser
{
    public static EbsPage<EbsBlock> ParseSnapshotBlocks(ReadOnlySpan<byte> json, string snapshotId, long startingBlockIndex, int maxResults)
    {
        const string call = "ListSnapshotBlocks";
        var body = Deserialize(json, EbsJson.Default.ListSnapshotBlocksBody, call, snapshotId);
        var volumeSize = CheckVolume(body, call, snapshotId);
        var items = body.Blocks ?? [];
        CheckCount(items.Count, maxResults, call, snapshotId);
        var blocks = new List<EbsBlock>(items.Count);
        var previous = startingBlockIndex - 1;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] ?? throw Corrupt(call, snapshotId, $"Blocks[{i}] is null");
            var index = CheckIndex(item.BlockIndex, previous, volumeSize, $"Blocks[{i}]", call, snapshotId);
            if (!EbsLimits.IsToken(item.BlockToken))
            {
                throw Corrupt(call, snapshotId, $"Blocks[{i}] (block {index}) has no valid BlockToken");
            }

            blocks.Add(new EbsBlock(index, item.BlockToken!));
            previous = index;
        }

        return new EbsPage<EbsBlock>(volumeSize, blocks, CheckNextToken(body.NextToken, call, snapshotId), Expiry(body.ExpiryTime, call, snapshotId));
    }

    public static EbsPage<EbsChangedBlock> ParseChangedBlocks(ReadOnlySpan<byte> json, string snapshotId, long startingBlockIndex, int maxResults)
    {
        const string call = "ListChangedBlocks";
        var body = Deserialize(json, EbsJson.Default.ListChangedBlocksBody, call, snapshotId);
        var volumeSize = CheckVolume(body, call, snapshotId);
        var items = body.ChangedBlocks ?? [];
        CheckCount(items.Count, maxResults, call, snapshotId);
        var blocks = new List<EbsChangedBlock>(items.Count);
        var previous = startingBlockIndex - 1;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] ?? throw Corrupt(call, snapshotId, $"ChangedBlocks[{i}] is null");
            var index = CheckIndex(item.BlockIndex, previous, volumeSize, $"ChangedBlocks[{i}]", call, snapshotId);
            var first = item.FirstBlockToken;
            var second = item.SecondBlockToken;
            if ((first is not null && !EbsLimits.IsToken(first)) || (second is not null && !EbsLimits.IsToken(second)) || (first is null && second is null))
            {
                throw Corrupt(call, snapshotId, $"ChangedBlocks[{i}] (block {index}) has no valid block token");
            }

            blocks.Add(new EbsChangedBlock(index, first, second));
            previous = index;
        }

        return new EbsPage<EbsChangedBlock>(volumeSize, blocks, CheckNextToken(body.NextToken, call, snapshotId), Expiry(body.ExpiryTime, call, snapshotId));
    }

    /// <summary>The Message and Reason of an error body, or nulls when it has none that can be read.</summary>
    public static (string? Message, string? Reason) ParseError(ReadOnlySpan<byte> json)
    {
        try
        {
            var body = JsonSerializer.Deserialize(json, EbsJson.Default.ErrorBody);
            return (Clip(body?.Message), Clip(body?.Reason));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    internal static CloudProviderException Corrupt(string call, string snapshotId, string problem) =>
        new(CloudErrorCode.Corrupt, snapshotId, $"ebs: bad {call} response for {snapshotId}: {problem}");

    private static T Deserialize<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> type, string call, string snapshotId) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw Corrupt(call, snapshotId, "the body is null");
        }
        catch (JsonException bad)
        {
            throw new CloudProviderException(CloudErrorCode.Corrupt, snapshotId, $"ebs: bad {call} response for {snapshotId}: not the expected JSON ({bad.Message})", bad);
        }
    }

    private static long CheckVolume(EbsPageBody page, string call, string snapshotId)
    {
        var (blockSize, volumeSizeGiB) = (page.BlockSize, page.VolumeSize);
        if (blockSize != EbsLimits.BlockSize)
        {
            throw Corrupt(call, snapshotId, $"BlockSize is {blockSize?.ToString() ?? "missing"}, not {EbsLimits.BlockSize}");
        }

        if (volumeSizeGiB is not (> 0 and <= EbsLimits.MaxVolumeSizeGiB))
        {
            throw Corrupt(call, snapshotId, $"VolumeSize is {volumeSizeGiB?.ToString() ?? "missing"} GiB, outside 1 to {EbsLimits.MaxVolumeSizeGiB}");
        }

        return volumeSizeGiB.Value * 1024 * 1024 * 1024;
    }

    private static void CheckCount(int count, int maxResults, string call, string snapshotId)
    {
        if (count > maxResults)
        {
            throw Corrupt(call, snapshotId, $"{count} blocks in a page of at most {maxResults}");
        }
    }

    private static long CheckIndex(long? index, long previous, long volumeSize, string where, string call, string snapshotId)
    {
        var blocks = volumeSize / EbsLimits.BlockSize;
        return index switch
        {
            null => throw Corrupt(call, snapshotId, $"{where} has no BlockIndex"),
            < 0 => throw Corrupt(call, snapshotId, $"{where} has the negative BlockIndex {index}"),
            var i when i >= blocks => throw Corrupt(call, snapshotId, $"{where} has BlockIndex {i}, past the volume's {blocks} blocks"),
            var i when i <= previous => throw Corrupt(call, snapshotId, $"{where} has BlockIndex {i}, not after {previous} (out of order, repeated or before the start)"),
            _ => index.Value,
        };
    }

    private static string? CheckNextToken(string? token, string call, string snapshotId) =>
        token is null || EbsLimits.IsToken(token) ? token : throw Corrupt(call, snapshotId, "NextToken is not a token of the documented form");

    private static DateTimeOffset? Expiry(double? seconds, string call, string snapshotId) => seconds switch
    {
        null => null,
        // Epoch seconds (restJson1 timestamps); anything outside years 1970 to 9999 is not a time.
        >= 0 and < 253_402_300_800 => DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds.Value * 1000)),
        _ => throw Corrupt(call, snapshotId, $"ExpiryTime {seconds} is not a time"),
    };

    /// <summary>Error texts go into messages and logs: at most 512 characters of them.</summary>
    private static string? Clip(string? text) => text is { Length: > 512 } ? text[..512] + "…" : text;
}

namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>
/// The written blocks of a snapshot, sorted: which indices have data and the token reading each.
/// Any other block of the volume reads as zeros (the EBS direct APIs list only written blocks).
/// </summary>
public sealed class EbsBlockMap
{
    private readonly long[] _indices;
    private readonly string[] _tokens;

    public EbsBlockMap(string snapshotId, long volumeSizeBytes, IReadOnlyList<EbsBlock> blocks)
    {
        SnapshotId = snapshotId;
        VolumeSizeBytes = volumeSizeBytes;
        _indices = [.. blocks.Select(b => b.Index)];
        _tokens = [.. blocks.Select(b => b.Token)];
        for (var i = 1; i < _indices.Length; i++)
        {
            if (_indices[i] <= _indices[i - 1])
            {
                throw new ArgumentException($"block {_indices[i]} follows {_indices[i - 1]}: the blocks must be sorted and distinct", nameof(blocks));
            }
        }
    }

    public string SnapshotId { get; }

    public long VolumeSizeBytes { get; }

    public int Count => _indices.Length;

    public IEnumerable<long> Indices => _indices;

    public bool TryGetToken(long index, out string token)
    {
        var at = Array.BinarySearch(_indices, index);
        token = at >= 0 ? _tokens[at] : "";
        return at >= 0;
    }

    /// <summary>Whether any block from <paramref name="first"/> to <paramref name="last"/> (inclusive) is written.</summary>
    public bool AnyWritten(long first, long last)
    {
        var at = Array.BinarySearch(_indices, first);
        return at >= 0 || (~at < _indices.Length && _indices[~at] <= last);
    }

    /// <summary>Lists every written block of <paramref name="snapshotId"/>, page after page.</summary>
    public static async Task<EbsBlockMap> ListAsync(EbsDirectClient client, string snapshotId, CancellationToken cancellationToken)
    {
        var blocks = new List<EbsBlock>();
        long? volumeSize = null;
        string? nextToken = null;
        var pages = 0;
        do
        {
            var start = blocks.Count == 0 ? 0 : blocks[^1].Index + 1;
            var page = await client.ListSnapshotBlocksAsync(snapshotId, nextToken, start, cancellationToken).ConfigureAwait(false);
            if (volumeSize is { } size && size != page.VolumeSizeBytes)
            {
                throw EbsResponseParser.Corrupt("ListSnapshotBlocks", snapshotId, $"the volume size changed from {size} to {page.VolumeSizeBytes} bytes between pages");
            }

            volumeSize = page.VolumeSizeBytes;
            blocks.AddRange(page.Items);
            nextToken = page.NextToken;
            // A service that pages without end (empty pages with a token) is stopped: a volume has at most this many pages of blocks.
            var pageCap = (page.VolumeSizeBytes / EbsLimits.BlockSize / EbsLimits.MinPageSize) + 2;
            if (++pages > pageCap || blocks.Count > client.Options.MaxListedBlocks)
            {
                throw new Provider.CloudProviderException(Provider.CloudErrorCode.Corrupt, snapshotId,
                    $"ebs: {snapshotId} listed {blocks.Count} blocks in {pages} pages, past the limits ({client.Options.MaxListedBlocks} blocks, {pageCap} pages)");
            }
        }
        while (nextToken is not null);

        return new EbsBlockMap(snapshotId, volumeSize!.Value, blocks);
    }
}

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

    /// <summary>How many ListSnapshotBlocks calls listing the map took.</summary>
    public int Pages { get; private init; }

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
        var (volumeSize, blocks, pages) = await EbsPager.ListAllAsync(
            client, "ListSnapshotBlocks", snapshotId, (token, start) => client.ListSnapshotBlocksAsync(snapshotId, token, start, cancellationToken),
            b => b.Index, cancellationToken).ConfigureAwait(false);
        return new EbsBlockMap(snapshotId, volumeSize, blocks) { Pages = pages };
    }
}

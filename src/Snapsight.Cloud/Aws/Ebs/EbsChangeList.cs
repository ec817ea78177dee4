namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>
/// The blocks that differ between two snapshots of one volume, as ListChangedBlocks lists them
/// (every page): a block not listed holds the same data in both.
/// </summary>
public sealed class EbsChangeList
{
    private readonly HashSet<long> _changed;

    private EbsChangeList(string firstSnapshotId, string secondSnapshotId, long volumeSizeBytes, IEnumerable<long> changed, int pages)
    {
        FirstSnapshotId = firstSnapshotId;
        SecondSnapshotId = secondSnapshotId;
        VolumeSizeBytes = volumeSizeBytes;
        _changed = [.. changed];
        Pages = pages;
    }

    public string FirstSnapshotId { get; }

    public string SecondSnapshotId { get; }

    public long VolumeSizeBytes { get; }

    /// <summary>How many blocks were listed as changed.</summary>
    public int Count => _changed.Count;

    /// <summary>How many ListChangedBlocks calls it took.</summary>
    public int Pages { get; }

    public bool IsChanged(long blockIndex) => _changed.Contains(blockIndex);

    /// <summary>A snapshot compared with itself: nothing changed, without a call.</summary>
    public static EbsChangeList None(string snapshotId, long volumeSizeBytes) => new(snapshotId, snapshotId, volumeSizeBytes, [], 0);

    /// <summary>Lists the blocks changed from <paramref name="firstSnapshotId"/> to <paramref name="secondSnapshotId"/>, page after page.</summary>
    public static async Task<EbsChangeList> ListAsync(EbsDirectClient client, string firstSnapshotId, string secondSnapshotId, CancellationToken cancellationToken)
    {
        var (volumeSize, changed, pages) = await EbsPager.ListAllAsync(
            client, "ListChangedBlocks", secondSnapshotId,
            (token, start) => client.ListChangedBlocksAsync(firstSnapshotId, secondSnapshotId, token, start, cancellationToken),
            c => c.Index, cancellationToken).ConfigureAwait(false);
        return new EbsChangeList(firstSnapshotId, secondSnapshotId, volumeSize, changed.Select(c => c.Index), pages);
    }
}

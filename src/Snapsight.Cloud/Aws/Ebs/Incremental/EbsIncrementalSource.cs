namespace Snapsight.Cloud.Aws.Ebs.Incremental;

/// <summary>
/// The local cache as seen by one scan of <see cref="SnapshotId"/>: a block is served from its own
/// entry, or, when <see cref="Changes"/> does not list it as changed, from the entry of the
/// snapshot the changes were listed from (copied to this snapshot's key, as it is this snapshot's
/// block too). Blocks fetched are cached under this snapshot.
/// </summary>
internal sealed class EbsIncrementalSource(EbsVolumeCache volume, string snapshotId, EbsChangeList? changes, EbsDeviceCounters counters)
{
    public string SnapshotId => snapshotId;

    /// <summary>The changes since the last scanned snapshot; null when there is none to reuse (a full read).</summary>
    public EbsChangeList? Changes => changes;

    /// <summary>Fills <paramref name="destination"/> with block <paramref name="index"/> from the cache; false when it must be fetched.</summary>
    public async Task<bool> TryReadAsync(long index, Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (await LookUpAsync(snapshotId, index, destination, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        if (changes is null || changes.IsChanged(index)
            || !await LookUpAsync(changes.FirstSnapshotId, index, destination, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        volume.Store.Adopt(volume.VolumeId, changes.FirstSnapshotId, snapshotId, index);
        return true;
    }

    public async Task StoreAsync(long index, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            await volume.Store.WriteAsync(volume.VolumeId, snapshotId, index, data, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The cache only saves calls (a full disk must not fail the scan): the next scan fetches this block again.
        }
    }

    private async Task<bool> LookUpAsync(string snapshot, long index, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var lookup = await volume.Store.TryReadAsync(volume.VolumeId, snapshot, index, destination, cancellationToken).ConfigureAwait(false);
        if (lookup == EbsCacheLookup.Rejected)
        {
            counters.Count(EbsBlockOrigin.CacheRejected);
        }

        return lookup == EbsCacheLookup.Hit;
    }
}

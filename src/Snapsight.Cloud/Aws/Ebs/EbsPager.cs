namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>
/// Walks every page of a list call (ListSnapshotBlocks, ListChangedBlocks), each asked from the
/// block after the last one seen, and stops a service that pages without end: a volume has at most
/// so many pages of blocks, and a client at most <see cref="EbsDirectOptions.MaxListedBlocks"/>.
/// </summary>
internal static class EbsPager
{
    /// <summary>The volume's size, every item in block order, and how many pages (calls) it took.</summary>
    public static async Task<(long VolumeSizeBytes, List<T> Items, int Pages)> ListAllAsync<T>(
        EbsDirectClient client, string call, string snapshotId, Func<string?, long, Task<EbsPage<T>>> page, Func<T, long> indexOf,
        CancellationToken cancellationToken)
    {
        var items = new List<T>();
        long? volumeSize = null;
        string? nextToken = null;
        var pages = 0;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = items.Count == 0 ? 0 : indexOf(items[^1]) + 1;
            var current = await page(nextToken, start).ConfigureAwait(false);
            if (volumeSize is { } size && size != current.VolumeSizeBytes)
            {
                throw EbsResponseParser.Corrupt(call, snapshotId, $"the volume size changed from {size} to {current.VolumeSizeBytes} bytes between pages");
            }

            volumeSize = current.VolumeSizeBytes;
            items.AddRange(current.Items);
            nextToken = current.NextToken;
            // A service that pages without end (empty pages with a token) is stopped: a volume has at most this many pages of blocks.
            var pageCap = (current.VolumeSizeBytes / EbsLimits.BlockSize / EbsLimits.MinPageSize) + 2;
            if (++pages > pageCap || items.Count > client.Options.MaxListedBlocks)
            {
                throw new Provider.CloudProviderException(Provider.CloudErrorCode.Corrupt, snapshotId,
                    $"ebs: {call} for {snapshotId} listed {items.Count} blocks in {pages} pages, past the limits ({client.Options.MaxListedBlocks} blocks, {pageCap} pages)");
            }
        }
        while (nextToken is not null);

        return (volumeSize!.Value, items, pages);
    }
}

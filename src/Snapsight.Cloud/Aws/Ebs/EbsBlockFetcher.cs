using Snapsight.Cloud.Aws.Ebs.Incremental;
using Snapsight.Disk.BlockDevices;

namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>
/// A snapshot as a device with no memory cache: written blocks are fetched with GetSnapshotBlock,
/// one call per block touched, or served from the local block cache of an incremental read;
/// unwritten blocks are zeros, without a call. What <see cref="EbsSnapshotBlockDevice"/> puts its
/// memory cache in front of, so that it is asked for whole 512 KiB blocks. The client and its HTTP
/// connections belong to the caller.
/// </summary>
internal sealed class EbsBlockFetcher(EbsDirectClient client, EbsBlockMap map, EbsIncrementalSource? incremental, EbsDeviceCounters counters) : SplitReadDevice
{
    public override long Length => map.VolumeSizeBytes;

    public override int BlockSize => EbsLimits.BlockSize;

    protected override async ValueTask<int> ReadRunAsync(long position, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var block = position / EbsLimits.BlockSize;
        var within = (int)(position % EbsLimits.BlockSize);
        var count = Math.Min(destination.Length, EbsLimits.BlockSize - within);
        var target = destination[..count];
        if (!map.TryGetToken(block, out var token))
        {
            target.Span.Clear();
        }
        else if (count == EbsLimits.BlockSize)
        {
            await ReadBlockAsync(block, token, target, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var whole = new byte[EbsLimits.BlockSize];
            await ReadBlockAsync(block, token, whole, cancellationToken).ConfigureAwait(false);
            whole.AsMemory(within, count).CopyTo(target);
        }

        return count;
    }

    private async Task ReadBlockAsync(long block, string token, Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (incremental is not null && await incremental.TryReadAsync(block, destination, cancellationToken).ConfigureAwait(false))
        {
            counters.Count(EbsBlockOrigin.FromCache);
            return;
        }

        await client.GetSnapshotBlockAsync(map.SnapshotId, block, token, destination, cancellationToken).ConfigureAwait(false);
        counters.Count(EbsBlockOrigin.Fetched);
        if (incremental is not null)
        {
            await incremental.StoreAsync(block, destination, cancellationToken).ConfigureAwait(false);
        }
    }
}

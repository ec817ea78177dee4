using Snapsight.Cloud.Aws.Ebs.Incremental;
using Snapsight.Disk.BlockDevices;

namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>
/// A snapshot as a device with no memory cache: written blocks are fetched with GetSnapshotBlock,
/// one call per block touched, or served from the local block cache of an incremental read;
/// unwritten blocks are zeros, without a call. What <see cref="EbsSnapshotBlockDevice"/> puts its
/// memory cache in front of, so that it is asked for whole 512 KiB blocks.
/// </summary>
internal sealed class EbsBlockFetcher(EbsDirectClient client, EbsBlockMap map, EbsIncrementalSource? incremental, EbsDeviceCounters counters) : IBlockDevice
{
    public long Length => map.VolumeSizeBytes;

    public int BlockSize => EbsLimits.BlockSize;

    public ReadStatistics Statistics { get; } = new();

    public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var length = this.ClampToLength(offset, buffer.Length);
        var done = 0;
        while (done < length)
        {
            var position = offset + done;
            var block = position / EbsLimits.BlockSize;
            var within = (int)(position % EbsLimits.BlockSize);
            var count = Math.Min(length - done, EbsLimits.BlockSize - within);
            var target = buffer.Slice(done, count);
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

            done += count;
        }

        Statistics.Record(length);
        return length;
    }

    public void Dispose()
    {
        // The client and its HTTP connections belong to the caller.
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

using System.Diagnostics;
using System.Globalization;
using Snapsight.Disk.BlockDevices;

namespace Snapsight.Bench;

/// <summary>
/// Passes reads (and prefetch hints) through to the snapshot and prints, on stderr, each 512 KiB block the first time a
/// read of the scan touches it, with the time the read started and ended: the order of the scan's reads, and which
/// waited on the one before (bench/ebs --trace).
/// </summary>
internal sealed class BlockOrderTrace(IBlockDevice inner, Stopwatch clock) : IBlockDevice
{
    private const int EbsBlockSize = 512 * 1024;
    private readonly HashSet<long> _touched = [];

    public long Length => inner.Length;

    public int BlockSize => inner.BlockSize;

    public ReadStatistics Statistics => inner.Statistics;

    public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var started = clock.Elapsed.TotalMilliseconds;
        var read = await inner.ReadAsync(offset, buffer, cancellationToken).ConfigureAwait(false);
        var ended = clock.Elapsed.TotalMilliseconds;
        lock (_touched)
        {
            for (var block = offset / EbsBlockSize; block <= (offset + Math.Max(read, 1) - 1) / EbsBlockSize; block++)
            {
                if (_touched.Add(block))
                {
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  block {block}: read of {buffer.Length} bytes at {offset}, {started:F0}-{ended:F0} ms"));
                }
            }
        }

        return read;
    }

    public void Prefetch(long offset, long length) => inner.Prefetch(offset, length);

    public void Dispose()
    {
        // The snapshot belongs to the bench.
    }
}

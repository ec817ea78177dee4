using CsCheck;
using Snapsight.AwsFake;
using Snapsight.Cloud.Aws.Ebs;
using Snapsight.Cloud.Tests.Aws.Fake;
using Snapsight.Disk.BlockDevices;

namespace Snapsight.Cloud.Tests.Aws.Ebs;

/// <summary>
/// A snapshot opened as a block device reads as its image does at any offset and length; unwritten
/// blocks cost no call; through the cache each written block is fetched once.
/// </summary>
public sealed class EbsSnapshotBlockDeviceTests : IDisposable
{
    // Runs of written blocks with gaps between them, so reads cross written and unwritten blocks.
    private static readonly long[] Written = [.. Enumerable.Range(0, 2048).Where(b => b % 7 < 3 && b < 700 || b == 2047).Select(b => (long)b)];

    private readonly EbsTestBed _bed = new(Written);

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task Random_reads_return_the_images_bytes()
    {
        var client = _bed.Client();
        using var device = await EbsSnapshotBlockDevice.OpenAsync(client, EbsTestBed.SnapshotId, new BlockCache(64L * EbsLimits.BlockSize, EbsLimits.BlockSize));

        Assert.Equal(SparseImage.Size, device.Length);
        await Gen.Select(Gen.Long[0, SparseImage.Size + 1000], Gen.Int[0, 3 * EbsLimits.BlockSize]).SampleAsync(async (offset, length) =>
        {
            var buffer = new byte[length];
            var read = await device.ReadAsync(offset, buffer);
            var expected = (int)Math.Clamp(SparseImage.Size - offset, 0, length);
            Assert.Equal(expected, read);
            Assert.Equal(_bed.Image.Read(offset, read), buffer[..read]);
        }, iter: 60, threads: 1);
        Assert.Equal(0, _bed.Server.RejectedSignatures);
    }

    [Fact]
    public async Task Reading_unwritten_blocks_makes_no_request()
    {
        var client = _bed.Client();
        using var device = await EbsSnapshotBlockDevice.OpenAsync(client, EbsTestBed.SnapshotId, new BlockCache(16L * EbsLimits.BlockSize, EbsLimits.BlockSize));
        var buffer = new byte[4 * EbsLimits.BlockSize];
        buffer.AsSpan().Fill(0xAA);

        // Blocks 1000 to 1003 lie in the unwritten middle of the volume.
        var read = await device.ReadAsync(1000L * EbsLimits.BlockSize, buffer);

        Assert.Equal(buffer.Length, read);
        Assert.All(buffer, b => Assert.Equal(0, b));
        Assert.Equal(0, _bed.Server.GetSnapshotBlockCalls);
        Assert.Equal(buffer.Length, device.Statistics.BytesRead);
    }

    [Fact]
    public async Task A_prefetch_hint_fetches_the_written_blocks_of_its_range_once_and_only_when_reading_ahead()
    {
        var client = _bed.Client();
        var cache = new BlockCache(64L * EbsLimits.BlockSize, EbsLimits.BlockSize);
        using (var oneAtATime = await EbsSnapshotBlockDevice.OpenAsync(client, EbsTestBed.SnapshotId, cache, maxParallelReads: 1, readAheadBlocks: 0))
        {
            oneAtATime.Prefetch(0, 14L * EbsLimits.BlockSize);
            await Task.Delay(200);
            Assert.Equal(0, _bed.Server.GetSnapshotBlockCalls);
        }

        using var device = await EbsSnapshotBlockDevice.OpenAsync(client, EbsTestBed.SnapshotId, new BlockCache(64L * EbsLimits.BlockSize, EbsLimits.BlockSize));
        device.Prefetch(1000L * EbsLimits.BlockSize, 8L * EbsLimits.BlockSize); // unwritten: no call
        device.Prefetch(0, 14L * EbsLimits.BlockSize); // blocks 0..13, of which 0-2 and 7-9 are written
        var written = Written.Count(b => b < 14);
        for (var i = 0; i < 200 && _bed.Server.GetSnapshotBlockCalls < written; i++)
        {
            await Task.Delay(10);
        }

        var buffer = new byte[14 * EbsLimits.BlockSize];
        await device.ReadAsync(0, buffer);
        Assert.Equal(_bed.Image.Read(0, buffer.Length), buffer);
        Assert.Equal(written, _bed.Server.GetSnapshotBlockCalls);
        Assert.Equal(written, device.Report().BlocksFetched);
    }

    [Fact]
    public async Task Reading_the_whole_volume_twice_fetches_each_written_block_once()
    {
        var client = _bed.Client();
        using var device = await EbsSnapshotBlockDevice.OpenAsync(client, EbsTestBed.SnapshotId, new BlockCache(2048L * EbsLimits.BlockSize, EbsLimits.BlockSize));
        var buffer = new byte[1024 * 1024];

        for (var pass = 0; pass < 2; pass++)
        {
            for (long offset = 0; offset < device.Length; offset += buffer.Length)
            {
                await device.ReadAsync(offset, buffer);
            }
        }

        Assert.Equal(Written.Length, client.Counters.BlocksFetched);
        Assert.Equal(Written.Length, _bed.Server.GetSnapshotBlockCalls);
        Assert.Equal(2 * SparseImage.Size, device.Statistics.BytesRead);
    }

    [Fact]
    public async Task A_cache_of_other_blocks_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => EbsSnapshotBlockDevice.OpenAsync(_bed.Client(), EbsTestBed.SnapshotId, new BlockCache(1 << 20, 64 * 1024)));

        Assert.Contains("524288", error.Message, StringComparison.Ordinal);
    }
}
